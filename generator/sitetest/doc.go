// Package sitetest holds the tests of the whole site: the repo's e-zine
// built by the program itself, as an editor or CI builds it, and checked
// as a reader gets it. It has no code of its own, only tests:
//
//   - the output of a build (pages_test, head_test, dates_test,
//     hosting_test, softhyphen_test, sharecards_test, print_test): every
//     page's structure, head and dates, the hosting files, soft hyphens,
//     share cards and the print edition;
//   - the content (content_test): the e-zine's texts against the seeds
//     they were written from;
//   - the command as a user runs it (lang_test, schedule_test): messages
//     in the locale's language, the next scheduled change;
//   - the catalogue (catalogue_test): every message at a call site of the
//     generator has its Dutch;
//   - the pages in Chromium (browser_*_test): accessibility (axe-core),
//     layout at phone and desktop widths, words that do not fit, search,
//     privacy (no third party, no cookies), and the screenshots of
//     docs/schermafbeeldingen.
//
// The tests run the command as a separate program, built once per test
// run from the repository's root (with the race detector when the tests
// have it), so that they see exactly what `go run . build` does. Paths in
// their environment (EZINE_SITE, EZINE_SCREENSHOTS) are relative to the
// repository's root. The CLI's own tests (flags, exit statuses, usage)
// stay beside it in the root package.
package sitetest
