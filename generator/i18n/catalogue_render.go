package i18n

var renderEntries = []Entry{}
