//! Writes `fixtures/import/inventaris.xlsx`: an inventory sheet as an IBP officer keeps it in
//! Excel, for the tests of `ibp-lint import`: a title row above the headings, Dutch headings
//! of their own order and spelling, dates typed as dates (and one as text), a KvK number that
//! Excel turned into a number, lists typed with commas and line breaks, a blank row, an extra
//! column of remarks, and one bad cell (an impossible date, `31-02-2027`, in row 6).
//!
//! `cargo run --example officer_workbook` rewrites it (the bytes are the same each time).

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

fn main() -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 11, 2)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd-mm-yyyy");
    let sheet = book.add_worksheet();
    sheet.set_name("Leermiddelen")?;
    sheet.write_string_with_format(0, 0, "Inventaris digitale leermiddelen 2026-2027", &bold)?;
    let headings = [
        "Naam",
        "Soort",
        "Leverancier",
        "KvK nummer",
        "Land leverancier",
        "Loopt af op",
        "Verwerkersovereenkomst",
        "Ondertekend op",
        "Convenant",
        "Privacybijsluiter",
        "Privacybijsluiter bijgewerkt op",
        "Gegevens",
        "Doelen",
        "Grondslag",
        "Betrokkenen",
        "Opslaglanden",
        "Subverwerkers",
        "Melding datalek (uren)",
        "Verwijderd na contract (dagen)",
        "Certificeringen",
        "Opmerkingen",
    ];
    for (col, h) in (0u16..).zip(headings) {
        sheet.write_string_with_format(1, col, h, &bold)?;
    }
    enum C<'a> {
        T(&'a str),
        N(f64),
        D(u16, u8, u8),
        E,
    }
    use C::*;
    let rows: [[C; 21]; 5] = [
        [
            T("Rekenrijk"),
            T("digitaal leermiddel"),
            T("Rekenrijk Uitgeverij B.V."),
            T("34125678"),
            T("NL"),
            D(2027, 7, 31),
            T("ondertekend"),
            D(2024, 8, 1),
            T("deelnemer"),
            T("https://www.rekenrijk.example/privacybijsluiter.pdf"),
            D(2025, 9, 1),
            T("ECK iD, voornaam, groepsnaam, toetsresultaten"),
            T("onderwijs, terugkoppeling van resultaten"),
            T("taak van algemeen belang"),
            T("leerlingen, leraren"),
            T("NL"),
            T("Polderhost Datacenters B.V. (hosting, NL)"),
            N(24.0),
            N(60.0),
            T("ISO27001"),
            T("Door de werkgroep rekenen gekozen"),
        ],
        [
            T("Leesfabriek"),
            T("digitaal leermiddel"),
            T("Leesfabriek B.V."),
            N(8_142_957.0),
            T("nl"),
            D(2028, 1, 31),
            T("ondertekend"),
            D(2025, 2, 1),
            T("deelnemer"),
            T("https://www.leesfabriek.example/privacy/bijsluiter"),
            T("1-3-2025"),
            T("eckid\nvoornaam\nachternaam\ngroep\nvorderingen"),
            T("onderwijs; volgen van de voortgang"),
            T("Taak van algemeen belang"),
            T("leerlingen | leraren"),
            T("NL, DE"),
            T("Rheinwolke Hosting GmbH (hosting, DE)"),
            T("24 uur"),
            T("30 dagen"),
            T("ISO27001, NEN7510"),
            E,
        ],
        [
            E, E, E, E, E, E, E, E, E, E, E, E, E, E, E, E, E, E, E, E, E,
        ],
        [
            T("Klassenpraat"),
            T("communicatie met ouders"),
            T("Praatpaal Software B.V."),
            T("71846205"),
            T("NL"),
            E,
            T("in behandeling"),
            E,
            T("geen"),
            E,
            E,
            T("roepnaam, achternaam, contactgegevens_ouders, foto"),
            T("communicatie"),
            T("taak van algemeen belang"),
            T("leerlingen, ouders"),
            T("NL, IE"),
            T("Pushbericht Ltd. (pushberichten, IE)"),
            N(48.0),
            N(60.0),
            E,
            T("VO nog niet getekend, navragen bij leverancier"),
        ],
        [
            T("Toetsweb"),
            T("toets"),
            T("Meetlat Toetsontwikkeling B.V."),
            T("64027318"),
            T("NL"),
            T("31-02-2027"),
            T("ondertekend"),
            D(2023, 3, 1),
            T("deelnemer"),
            T("https://www.meetlat.example/privacybijsluiter-toetsweb.pdf"),
            D(2025, 4, 1),
            T("eckid, voornaam, achternaam, toetsresultaten"),
            T("onderwijs, terugkoppeling van resultaten"),
            T("taak van algemeen belang"),
            T("leerlingen, leraren"),
            T("NL"),
            T("Datacentrum Noord B.V. (hosting, NL)"),
            N(24.0),
            N(60.0),
            T("ISO27001"),
            T("Einddatum overgenomen uit de mail van de leverancier"),
        ],
    ];
    for (row, cells) in (2u32..).zip(rows.iter()) {
        for (col, cell) in (0u16..).zip(cells) {
            match cell {
                T(s) => {
                    sheet.write_string(row, col, *s)?;
                }
                N(n) => {
                    sheet.write_number(row, col, *n)?;
                }
                D(y, m, d) => {
                    sheet.write_datetime_with_format(
                        row,
                        col,
                        &ExcelDateTime::from_ymd(*y, *m, *d)?,
                        &date,
                    )?;
                }
                E => {}
            }
        }
    }
    sheet.set_column_width(0, 18)?;
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/import/inventaris.xlsx"
    );
    std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/import"))
        .map_err(XlsxError::IoError)?;
    book.save(path)?;
    println!("wrote {path}");
    Ok(())
}
