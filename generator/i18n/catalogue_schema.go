package i18n

var schemaEntries = []Entry{}
