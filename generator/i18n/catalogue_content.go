package i18n

var contentEntries = []Entry{}
