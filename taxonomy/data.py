"""The initial taxonomies of the portal: terms the service office starts with and may edit."""

BEREICHE = [
    ("bildung", "Bildung"),
    ("freizeit-kultur", "Freizeit & Kultur"),
    ("soziales", "Soziales"),
]

LEBENSLAGEN = [
    ("schule-ausbildung", "Schule & Ausbildung"),
    ("arbeit-weiterbildung", "Arbeit & Weiterbildung"),
    ("familie-kinder", "Familie & Kinder"),
    ("gesundheit-pflege", "Gesundheit & Pflege"),
    ("ruhestand-alter", "Ruhestand & Alter"),
    ("ehrenamt", "Ehrenamt & Engagement"),
    ("neu-im-landkreis", "Neu im Landkreis"),
    ("digitales-leben", "Digitales Leben"),
]

ZIELGRUPPEN = [
    ("kinder", "Kinder"),
    ("jugendliche", "Jugendliche"),
    ("familien", "Familien"),
    ("erwachsene", "Erwachsene"),
    ("senioren", "Seniorinnen und Senioren"),
    ("menschen-mit-behinderung", "Menschen mit Behinderung"),
    ("zugewanderte", "Zugewanderte"),
    ("arbeitsuchende", "Arbeitsuchende"),
    ("unternehmen", "Unternehmen"),
]

BARRIEREFREIHEIT = [
    ("stufenlos", "Stufenloser Zugang"),
    ("rollstuhlgerechtes-wc", "Rollstuhlgerechtes WC"),
    ("induktionsschleife", "Induktionsschleife"),
    ("leichte-sprache", "Leichte Sprache"),
    ("gebaerdensprache", "Gebärdensprachdolmetschung"),
    ("behindertenparkplatz", "Behindertenparkplatz"),
    ("oepnv", "Mit Bus und Bahn erreichbar"),
]

# The towns and municipalities of the district Elbe-Elster: (slug, name, kind, Amt, PLZ, lat, lon).
# Coordinates are the approximate centre of the main locality.
ORTE = [
    ("bad-liebenwerda", "Bad Liebenwerda", "stadt", "", "04924", "51.5172", "13.3987"),
    ("doberlug-kirchhain", "Doberlug-Kirchhain", "stadt", "", "03253", "51.6257", "13.5650"),
    ("elsterwerda", "Elsterwerda", "stadt", "", "04910", "51.4603", "13.5200"),
    ("falkenberg-elster", "Falkenberg/Elster", "stadt", "", "04895", "51.5850", "13.2440"),
    ("finsterwalde", "Finsterwalde", "stadt", "", "03238", "51.6340", "13.7070"),
    ("herzberg-elster", "Herzberg (Elster)", "stadt", "", "04916", "51.6870", "13.2330"),
    ("muehlberg-elbe", "Mühlberg/Elbe", "stadt", "", "04931", "51.4330", "13.2200"),
    ("sonnewalde", "Sonnewalde", "stadt", "", "03249", "51.6920", "13.6470"),
    ("uebigau-wahrenbrueck", "Uebigau-Wahrenbrück", "stadt", "", "04938", "51.5930", "13.3040"),
    ("schlieben", "Schlieben", "stadt", "Amt Schlieben", "04936", "51.7220", "13.3830"),
    ("roederland", "Röderland", "gemeinde", "", "04932", "51.4350", "13.4600"),
    ("schoenewalde", "Schönewalde", "stadt", "", "04916", "51.8100", "13.2200"),
    ("heideland", "Heideland", "gemeinde", "Amt Elsterland", "03238", "51.6330", "13.6330"),
    ("rueckersdorf", "Rückersdorf", "gemeinde", "Amt Elsterland", "03238", "51.5660", "13.5800"),
    ("schilda", "Schilda", "gemeinde", "Amt Elsterland", "03253", "51.5680", "13.6830"),
    ("schoenborn", "Schönborn", "gemeinde", "Amt Elsterland", "03253", "51.5870", "13.6160"),
    ("troebitz", "Tröbitz", "gemeinde", "Amt Elsterland", "03253", "51.6010", "13.4330"),
    ("crinitz", "Crinitz", "gemeinde", "Amt Kleine Elster (Niederlausitz)", "03246", "51.7330", "13.7660"),
    (
        "lichterfeld-schacksdorf",
        "Lichterfeld-Schacksdorf",
        "gemeinde",
        "Amt Kleine Elster (Niederlausitz)",
        "03238",
        "51.6220",
        "13.7720",
    ),
    (
        "massen-niederlausitz",
        "Massen-Niederlausitz",
        "gemeinde",
        "Amt Kleine Elster (Niederlausitz)",
        "03238",
        "51.6670",
        "13.7500",
    ),
    ("sallgast", "Sallgast", "gemeinde", "Amt Kleine Elster (Niederlausitz)", "03238", "51.5660", "13.8500"),
    ("gorden-staupitz", "Gorden-Staupitz", "gemeinde", "Amt Plessa", "03238", "51.5300", "13.6500"),
    ("hohenleipisch", "Hohenleipisch", "gemeinde", "Amt Plessa", "04934", "51.5000", "13.5660"),
    ("plessa", "Plessa", "gemeinde", "Amt Plessa", "04928", "51.4690", "13.6180"),
    ("schraden", "Schraden", "gemeinde", "Amt Plessa", "04928", "51.4290", "13.5880"),
    ("groeden", "Gröden", "gemeinde", "Amt Schradenland", "04932", "51.4020", "13.5670"),
    ("grossthiemig", "Großthiemig", "gemeinde", "Amt Schradenland", "04932", "51.3830", "13.6660"),
    ("hirschfeld", "Hirschfeld", "gemeinde", "Amt Schradenland", "04932", "51.3830", "13.6160"),
    ("merzdorf", "Merzdorf", "gemeinde", "Amt Schradenland", "04932", "51.4000", "13.4830"),
    ("fichtwald", "Fichtwald", "gemeinde", "Amt Schlieben", "04936", "51.7400", "13.4500"),
    ("hohenbucko", "Hohenbucko", "gemeinde", "Amt Schlieben", "04936", "51.7660", "13.5330"),
    ("kremitzaue", "Kremitzaue", "gemeinde", "Amt Schlieben", "04936", "51.7700", "13.3000"),
    ("lebusa", "Lebusa", "gemeinde", "Amt Schlieben", "04936", "51.8000", "13.3830"),
]
