package i18n

var markdownEntries = []Entry{}
