package i18n

var checkEntries = []Entry{}
