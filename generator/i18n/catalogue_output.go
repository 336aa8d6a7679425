package i18n

var outputEntries = []Entry{}
