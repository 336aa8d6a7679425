package i18n

// otherEntries are the parts of every printed problem (package diag) and
// the messages of the smaller packages: theme, svgsafe, suggest.
var otherEntries = []Entry{
	hint("warning: ", "waarschuwing: "),
	hint("note: ", "opmerking: "),
}
