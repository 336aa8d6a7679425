package i18n

var siteEntries = []Entry{}
