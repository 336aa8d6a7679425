package i18n

var imagesEntries = []Entry{}
