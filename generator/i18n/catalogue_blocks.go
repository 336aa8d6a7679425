package i18n

var blocksEntries = []Entry{}
