package i18n

// siteEntries are the messages of the site model (package site): URLs,
// links between pages, images named in front matter, taxonomies.
var siteEntries = []Entry{
	msg("output-collision", "writes %s, which %s also writes", "schrijft %s, en %s schrijft dat ook"),
	hint("give one of them another slug or url", "geef een van beide een andere slug of url"),
	msg("file-name-no-letters", "the file name has no letters or digits to make a URL from", "de bestandsnaam heeft geen letters of cijfers om een webadres van te maken"),
	hint("rename the file, or set slug in the front matter", "geef het bestand een andere naam, of zet een slug in de kop van het bestand (front matter)"),
	hint("rename it; %s is the preview's own", "geef het een andere naam; %s is van de voorvertoning"),
	hint("choose another slug; %s is the preview's own", "kies een andere slug; %s is van de voorvertoning"),
	msg("path-reserved", "slug %q puts the page at %s", "slug %q zet de pagina op %s"),
	msg("path-reserved", "the folder %s puts the page at %s", "de map %s zet de pagina op %s"),
	msg("path-reserved", "the file name puts the page at %s", "de bestandsnaam zet de pagina op %s"),
	hint("move it to another folder; %s is the preview's own", "zet het in een andere map; %s is van de voorvertoning"),
	msg("path-reserved", "the file would be published at %s, which lies under %s", "het bestand zou op %s komen, en dat valt onder %s"),
	msg("page-unreadable", "read body: %v", "de tekst lezen: %v"),

	// Links and images between pages.
	hint("broken %%-escape", "kapotte %%-code"),
	hint("is on another site", "staat op een andere site"),
	hint("points outside the content folder", "wijst naar iets buiten de map content"),
	hint("content/%s is not published (draft, future or expired)", "content/%s wordt niet gepubliceerd (concept, toekomstig of verlopen)"),
	hint("no page content/%s", "er is geen pagina content/%s"),
	hint("no file content/%s", "er is geen bestand content/%s"),
	hint("no file static/%s or content/%s", "er is geen bestand static/%s of content/%s"),
	hint("content/%s is never published: hidden files and editors' leftovers (backups, merge and swap files) stay out of the site; rename the file if it belongs on it",
		"content/%s wordt nooit gepubliceerd: verborgen bestanden en restjes van editors (reservekopieën, merge- en swapbestanden) blijven buiten de site; geef het bestand een andere naam als het erop hoort"),
	msg("image-alt-without-image", "image_alt without image", "image_alt zonder image"),
	hint("add image: with the file the text describes, or remove image_alt", "zet image: met het bestand dat de tekst beschrijft erbij, of haal image_alt weg"),
	hint("put the image beside the page (image: tekening.png) or in static/ (image: /illustraties/tekening.png)",
		"zet de afbeelding naast de pagina (image: tekening.png) of in static/ (image: /illustraties/tekening.png)"),
	msg("image-bad-alt", "image %q: image_alt %s", "afbeelding %q: image_alt %s"),
	hint("add image_alt: what the image shows, for readers who cannot see it (image_alt: \"Tekening van drie havenkranen aan de Maas\")",
		"zet image_alt erbij: wat er op de afbeelding staat, voor lezers die hem niet kunnen zien (image_alt: \"Tekening van drie havenkranen aan de Maas\")"),

	// Taxonomies.
	msg("term-no-letters", "%s %q has no letters or digits", "%s %q bevat geen letters of cijfers"),
	msg("term-unknown", "%s %q is not one of the terms this site defines", "%s %q is niet een van de termen van deze site"),
	hint("did you mean %q? The terms of %s are the folders of content/%s/: %s", "bedoelt u %q? De termen van %s zijn de mappen van content/%s/: %s"),
	hint("the terms of %s are the folders of content/%s/: %s; for a new term, add content/%s/<term>/_index.md",
		"de termen van %s zijn de mappen van content/%s/: %s; maak voor een nieuwe term content/%s/<term>/_index.md"),
}

// checkEntries are the findings of check (package check): links and
// anchors, front matter keys and field rules, headings, placeholders,
// unpublished pages and files.
var checkEntries = []Entry{
	msg("next-scheduled-change", "next scheduled change: %s (%s %s)", "volgende geplande wijziging: %s (%s %s)"),
	hint("the site changes then without an edit; a scheduled build publishes it: see Publishing in the README",
		"de site verandert dan zonder dat iemand iets aanpast; een geplande build publiceert het: zie Publishing in de README"),
	msg("image-link-broken", "image %q: %s", "afbeelding %q: %s"),
	msg("link-broken", "link %q: %s", "link %q: %s"),
	hint("hidden files and editors' leftovers (backups, merge and swap files) are never published",
		"verborgen bestanden en restjes van editors (reservekopieën, merge- en swapbestanden) worden nooit gepubliceerd"),
	hint("no page or file at that address", "op dat adres staat geen pagina of bestand"),
	msg("anchor-missing", "%s has no heading with id %q", "%s heeft geen kop met id %q"),
	msg("frontmatter-unknown-key", "unknown front matter key %q", "onbekend veld %q in de kop van het bestand (front matter)"),
	hint("did you mean %q? Unknown keys are kept for templates as params", "bedoelt u %q? Onbekende velden blijven bewaard voor de sjablonen (als params)"),
	hint("unknown keys are kept for templates as params; check the spelling", "onbekende velden blijven bewaard voor de sjablonen (als params); controleer de spelling"),
	msg("frontmatter-missing-key", "missing front matter key %q, required for pages of type %q", "het veld %q ontbreekt in de kop van het bestand (front matter); pagina's van soort %q moeten het hebben"),
	hint("see themes/ezine/%s/%s.md", "zie themes/ezine/%s/%s.md"),
	msg("heading-level-1", "heading %q is a level-1 heading; the page title is the only one", "kop %q is een kop van niveau 1; alleen de titel van de pagina heeft dat niveau"),
	hint("start sections with ##", "begin een deel met ##"),
	msg("heading-skips-level", "heading %q skips from level %d to %d", "kop %q springt van niveau %d naar %d"),
	hint("use %s", "gebruik %s"),
	msg("draft", "draft: not published (set draft: false to publish)", "concept: niet gepubliceerd (zet draft: false om te publiceren)"),
	msg("future", "publish date is in the future: not published yet", "de publicatiedatum ligt in de toekomst: nog niet gepubliceerd"),
	msg("expired", "expiry date has passed: no longer published", "de verloopdatum is voorbij: niet meer gepubliceerd"),
	msg("file-unused", "not published: no published page links to it", "niet gepubliceerd: geen gepubliceerde pagina linkt ernaar"),
	hint("link it from a page to publish it; files no page uses stay out of the site", "link er vanaf een pagina naar om het te publiceren; bestanden die geen pagina gebruikt, blijven buiten de site"),

	// Field rules of the archetypes.
	msg("field-empty", "%s is empty; pages of type %q name at least one", "%s is leeg; pagina's van soort %q noemen er minstens één"),
	msg("field-empty", "%s is empty; pages of type %q need one", "%s is leeg; pagina's van soort %q hebben er een nodig"),
	hint("write the page's %s", "schrijf de %s van de pagina"),
	hint("name one or more of the terms of content/%s/: %s", "noem een of meer van de termen van content/%s/: %s"),
	hint("name at least one: %s: [waarde]", "noem er minstens één: %s: [waarde]"),
	msg("field-too-long", "%s is %d characters long; a link preview or search result shows about %d", "%s is %d tekens lang; een linkvoorbeeld of zoekresultaat toont er ongeveer %d"),
	hint("say it in at most %d characters: the rest is cut off", "zeg het in hoogstens %d tekens: de rest wordt afgeknipt"),
	msg("field-too-short", "%s is %d characters long, shorter than a sentence that says what the page is about (%d or more)", "%s is %d tekens lang, korter dan een zin die zegt waar de pagina over gaat (%d of meer)"),
	hint("say in one sentence of %d to %d characters what the page is about: link previews and search results show it",
		"zeg in één zin van %d tot %d tekens waar de pagina over gaat: linkvoorbeelden en zoekresultaten tonen die zin"),
	msg("field-not-sentence", "%s does not end as a sentence", "%s eindigt niet als een zin"),
	hint("end it with a full stop (or ! or ?): link previews and search results show it as a sentence",
		"eindig met een punt (of ! of ?): linkvoorbeelden en zoekresultaten tonen het als een zin"),

	// Placeholders of the archetypes.
	msg("placeholder-marker", "%q: this page is published but not finished", "%q: deze pagina wordt gepubliceerd, maar is niet af"),
	hint("write the text, or keep the page a draft (draft: true) until it is done", "schrijf de tekst, of houd de pagina een concept (draft: true) tot hij af is"),
	msg("placeholder-field", "%s is the example text of the archetype %s: %q", "%s is de voorbeeldtekst van het sjabloon %s: %q"),
	hint("write this page's own %s, or keep the page a draft (draft: true)", "schrijf een eigen %s voor deze pagina, of houd de pagina een concept (draft: true)"),
	msg("placeholder-line", "line %d of the archetype %s, unchanged: %q", "regel %d van het sjabloon %s, niet veranderd: %q"),
	hint("replace it with the page's own text, or keep the page a draft (draft: true)", "vervang hem door de eigen tekst van de pagina, of houd de pagina een concept (draft: true)"),

	// Site settings.
	msg("setting-missing-contact", "%s shows the accessibility contact, but the site setting %s is empty", "%s toont het contact voor toegankelijkheid, maar de instelling %s van de site is leeg"),
	hint("set %s: \"adres@voorbeeld.nl\" in content/_index.md; until then the page points readers to the colofon",
		"zet %s: \"adres@voorbeeld.nl\" in content/_index.md; tot dan verwijst de pagina lezers naar het colofon"),
}

// schemaEntries are the messages about the theme's archetypes (package
// schema), which declare each content type's fields and rules.
var schemaEntries = []Entry{
	msg("archetype-bad-rule", "%s: %q: %w", "%s: %q: %w"),
	msg("archetype-bad-rule", "%s: unknown rule %q; the rules are %q, %q, %q and \"N-M %s\"", "%s: onbekende regel %q; de regels zijn %q, %q, %q en \"N-M %s\""),
	msg("archetype-bad-rule", "%s: a key cannot be %q and %q at once", "%s: een veld kan niet tegelijk %q en %q zijn"),
	hint("write the length as two numbers, such as \"50-160 %s\"", "schrijf de lengte als twee getallen, zoals \"50-160 %s\""),
	msg("file-unreadable", "read %s: %w", "%s lezen: %w"),
	hint("%s/%s: %w", "%s/%s: %w"),
	msg("archetype-no-frontmatter", "an archetype starts with YAML front matter (---)", "een sjabloon (archetype) begint met een kop in YAML (front matter, ---)"),
	msg("archetype-unclosed", "front matter is not closed with ---", "de kop van het bestand (front matter) wordt niet afgesloten met ---"),
	msg("archetype-not-map", "front matter must be keys and values", "de kop van het bestand (front matter) moet bestaan uit velden en waarden"),
	msg("archetype-bad-field", "line %d: %w", "regel %d: %w"),
}

// vocabEntries are the messages about a theme's vocabulary (package
// vocab): its theme.toml, which declares the taxonomies and their roles.
var vocabEntries = []Entry{
	msg("theme-vocabulary-syntax", "theme vocabulary (TOML): %v", "vocabulaire van het thema (TOML): %v"),
	msg("theme-vocabulary-unknown-key", "unknown key %q", "onbekend veld %q"),
	hint("the keys are subject, related, [[taxonomies]] name and title, [strings] notFound, homeAnchor, pageId, months, videoLoad, videoNote and videoWatch",
		"de velden zijn subject, related, [[taxonomies]] name en title, [strings] notFound, homeAnchor, pageId, months, videoLoad, videoNote en videoWatch"),
	msg("theme-vocabulary-months", "months lists %d names, not 12", "months noemt %d namen, geen 12"),
	hint("list the twelve month names, January first: months = [\"januari\", \"februari\", …]",
		"noem de twaalf maanden, januari eerst: months = [\"januari\", \"februari\", …]"),
	msg("theme-vocabulary-no-name", "taxonomy %d has no name", "taxonomie %d heeft geen naam"),
	hint("give it a name: the front matter key that lists its terms, such as name = \"thema\"",
		"geef haar een naam: het veld in de kop van een pagina dat haar termen opsomt, zoals name = \"thema\""),
	msg("theme-vocabulary-bad-name", "taxonomy name %q is not a plain name", "taxonomienaam %q is geen eenvoudige naam"),
	hint("use lower-case letters, digits and - only: it is a front matter key and a folder of the site",
		"gebruik alleen kleine letters, cijfers en -: het is een veld in de kop van een pagina en een map van de site"),
	msg("theme-vocabulary-duplicate", "taxonomy %q is declared twice", "taxonomie %q staat er twee keer in"),
	msg("theme-vocabulary-unknown-taxonomy", "%s names %q, which is not one of the taxonomies (%s)", "%s noemt %q, dat geen van de taxonomieën is (%s)"),
	hint("name a taxonomy declared under [[taxonomies]], or declare it", "noem een taxonomie uit [[taxonomies]], of voeg haar daar toe"),
}
