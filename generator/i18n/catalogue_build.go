package i18n

var buildEntries = []Entry{}
