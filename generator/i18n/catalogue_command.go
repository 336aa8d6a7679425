package i18n

// commandEntries are the command line's own texts (main and cmd_*.go):
// usage, the commands' descriptions and flags, usage errors and summary
// lines.
var commandEntries = []Entry{
	hint("Usage: go run . COMMAND [flags]\n\nCommands:\n", "Gebruik: go run . OPDRACHT [opties]\n\nOpdrachten:\n"),
	hint("\nRun 'go run . COMMAND -h' for the flags of a command.\n", "\nTyp 'go run . OPDRACHT -h' voor de opties van een opdracht.\n"),
	hint("Messages are in Dutch when LC_ALL, LC_MESSAGES or LANG starts with nl, or with -lang nl.\n",
		"Meldingen zijn in het Engels, tenzij LC_ALL, LC_MESSAGES of LANG met nl begint of u -lang nl meegeeft; dan zijn ze in het Nederlands.\n"),
	hint("build the site into public/, minified", "bouw de site in public/, verkleind"),
	hint("preview with live reload and drafts shown; nothing is written", "bekijk de site vooraf, met concepten, en zie elke wijziging meteen; er wordt niets opgeslagen"),
	hint("check links, images, front matter and headings before publishing", "controleer links, afbeeldingen, de kop van elk bestand (front matter) en koppen voordat u publiceert"),
	hint("create a page from the theme's archetype for TYPE", "maak een nieuwe pagina van het sjabloon (archetype) voor TYPE"),
	msg("usage-unknown-command", "unknown command %q\n\n", "onbekende opdracht %q\n\n"),
	msg("usage", "Usage: go run . %s %s\n\n%s\n\nFlags:\n", "Gebruik: go run . %s %s\n\n%s\n\nOpties:\n"),
	msg("usage-extra-argument", "unexpected argument %q\n", "onverwacht argument %q\n"),
	hint("language of the messages: `nl` or en (default: from LC_ALL, LC_MESSAGES or LANG)",
		"`taal` van de meldingen: nl of en (standaard: volgens LC_ALL, LC_MESSAGES of LANG)"),

	// build
	hint("Build the site: Markdown in <source>/content becomes a minified static site in the\n"+
		"destination. The destination is replaced only when the whole build succeeds.",
		"Bouw de site: de Markdown in <source>/content wordt een verkleinde statische site in de\n"+
			"doelmap. De doelmap wordt pas vervangen als het hele bouwen lukt."),
	hint("site `folder`, holding content/ and optionally themes/ and static/", "`map` van de site, met content/ en eventueel themes/ en static/"),
	hint("output `folder` (default <source>/public)", "`map` waarin de site komt (standaard <source>/public)"),
	hint("also publish drafts and pages with a future publishDate", "publiceer ook concepten en pagina's met een publishDate in de toekomst"),
	hint("absolute `URL` the site is served from, e.g. https://ezine.example.nl/\n(default: $URL, as Netlify sets it; else links are root-relative)",
		"volledig webadres (`URL`) van de site, bijvoorbeeld https://ezine.example.nl/\n(standaard: $URL, zoals Netlify die zet; anders beginnen links bij /)"),
	hint("`folder` where resized images are kept between builds; safe to delete\n(default <source>/.cache/images)",
		"`map` waarin verkleinde afbeeldingen bewaard blijven tussen twee keer bouwen; u mag hem weggooien\n(standaard <source>/.cache/images)"),
	msg("usage-bad-base-url", "-baseURL %q must start with http:// or https://\n", "-baseURL %q moet beginnen met http:// of https://\n"),
	hint("the destination was not changed", "de doelmap is niet veranderd"),
	hint("the destination is missing; see above where the previous site is", "de doelmap ontbreekt; hierboven staat waar de vorige site is"),
	msg("build-failed", "build failed: %s; %s\n", "bouwen mislukt: %s; %s\n"),
	msg("build-done", "built %s, %s in %d ms -> %s\n", "gebouwd: %s, %s in %d ms -> %s\n"),
	count("", "%d error", "%d errors", "%d fout", "%d fouten"),
	count("", "%d warning", "%d warnings", "%d waarschuwing", "%d waarschuwingen"),
	count("", "%d note", "%d notes", "%d opmerking", "%d opmerkingen"),
	count("", "%d page", "%d pages", "%d pagina", "%d pagina's"),
	count("", "%d file", "%d files", "%d bestand", "%d bestanden"),

	// check
	hint("Check the site before publishing: links and anchors, images and their alt text,\n"+
		"front matter per content type (themes/ezine/archetypes), unknown front matter keys,\n"+
		"heading levels; drafts, future and expired pages are listed. Exit status 1 on any error.",
		"Controleer de site voordat u publiceert: links en ankers, afbeeldingen en hun alt-tekst,\n"+
			"de kop van elk bestand (front matter) per soort pagina (themes/ezine/archetypes), onbekende\n"+
			"velden, kopniveaus; concepten, toekomstige en verlopen pagina's worden genoemd. Afsluitstatus 1 bij een fout."),
	hint("site `folder`", "`map` van de site"),
	hint("output `format`: text (path:line:col: message) or json", "`vorm` van de uitvoer: text (pad:regel:kolom: melding) of json"),
	msg("usage-bad-format", "-format %q: use text or json\n", "-format %q: kies text of json\n"),
	msg("check-done", "check: %s, %s, %s\n", "controle: %s, %s, %s\n"),

	// serve
	hint("Preview the site: build it into memory with drafts and future pages shown, serve it,\n"+
		"and rebuild and reload the browser on every saved change. Build errors show in the\n"+
		"browser over the last good version. Nothing is written to disk.",
		"Bekijk de site vooraf: hij wordt in het geheugen gebouwd, met concepten en toekomstige pagina's,\n"+
			"en na elke opgeslagen wijziging opnieuw gebouwd en in de browser ververst. Fouten staan in de\n"+
			"browser over de laatste goede versie. Er wordt niets op schijf opgeslagen."),
	hint("`address` to listen on; the default keeps the preview on this computer, 0.0.0.0 shows it\nto the network (it answers only to this computer's own names and addresses)",
		"`adres` waarop de server luistert; standaard is de voorvertoning alleen op deze computer te zien, 0.0.0.0\ntoont hem aan het netwerk (hij antwoordt alleen op de eigen namen en adressen van deze computer)"),
	hint("`port` to listen on; when the default is taken the next free one is used", "`poort` waarop de server luistert; is de standaardpoort bezet, dan wordt de volgende vrije gebruikt"),
	hint("poll for changes at this `interval` (such as 1s) instead of waiting for file system\nevents, for network shares and containers where events do not arrive",
		"kijk met deze `tussentijd` (zoals 1s) of er iets veranderd is, in plaats van te wachten op\nberichten van het bestandssysteem; voor netwerkmappen en containers waar die niet aankomen"),
	msg("usage-bad-port", "-port %d is not a port number\n", "-port %d is geen poortnummer\n"),
	msg("usage-bad-poll", "-poll %v must be positive\n", "-poll %v moet groter dan nul zijn\n"),
	msg("serve-failed", "serve: %v\n", "voorvertoning: %v\n"),

	// new
	hint("Create a page from the theme's archetype for TYPE (themes/ezine/archetypes/TYPE.md),\n"+
		"which lists the front matter that type needs. PATH is relative to content/,\n"+
		"e.g. interviews/haven.md. The new page is a draft.",
		"Maak een pagina van het sjabloon (archetype) voor TYPE (themes/ezine/archetypes/TYPE.md),\n"+
			"dat noemt welke velden in de kop van het bestand (front matter) die soort pagina nodig heeft.\n"+
			"PATH begint in content/, bijvoorbeeld interviews/haven.md. De nieuwe pagina is een concept."),
	msg("new-no-site", "%s: cannot open the site folder: %v\n", "%s: de map van de site gaat niet open: %v\n"),
	msg("new-bad-archetypes", "themes/ezine/%s: %v\n", "themes/ezine/%s: %v\n"),
	msg("new-types", "\nTypes: %s\n", "\nSoorten: %s\n"),
	msg("new-unknown-type", "no archetype %q; types: %s\n", "er is geen sjabloon (archetype) %q; soorten: %s\n"),
	msg("new-bad-path", "PATH %q must be a .md file inside content/, such as interviews/haven.md\n",
		"PATH %q moet een .md-bestand in content/ zijn, zoals interviews/haven.md\n"),
	msg("new-exists", "%s already exists; choose another PATH\n", "%s bestaat al; kies een ander PATH\n"),
	msg("new-write-failed", "%s: cannot create the file: %v\n", "%s: het bestand kan niet worden gemaakt: %v\n"),
	msg("new-created", "created %s (type %s, a draft)\n", "%s is gemaakt (soort %s, een concept)\n"),
	msg("new-placeholders", "before it is published, replace the archetype's example text (%s) and every %q; check and build name each line left\n",
		"vervang voordat de pagina verschijnt de voorbeeldtekst van het sjabloon (%s) en elke %q; check en build noemen elke regel die nog over is\n"),
	count("", "%d line of text", "%d lines of text", "%d regel tekst", "%d regels tekst"),
	msg("new-rule-terms", "%s: at least one of %s", "%s: minstens één van %s"),
	msg("new-rule-nonempty", "%s: at least one value", "%s: minstens één waarde"),
	msg("new-rule-sentence-length", "%s: one sentence of %d to %d characters", "%s: één zin van %d tot %d tekens"),
	msg("new-rule-length", "%s: %d to %d characters", "%s: %d tot %d tekens"),
	msg("new-rule-sentence", "%s: one sentence", "%s: één zin"),
}
