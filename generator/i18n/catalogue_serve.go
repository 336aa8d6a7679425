package i18n

var serveEntries = []Entry{}
