//! End-to-end tests of the `ibp-lint` binary: exit codes, formats, language, configuration,
//! waivers and selection, on the example inventory and on small temporary inventories.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{TODAY, ibp, repo, run};

use std::path::PathBuf;

use serde_json::Value;

fn json(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["check", "--format", "json", "--today", TODAY];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(&all);
    let value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout} {stderr}"));
    (code, value)
}

fn codes(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// The findings of `report` with rule `code`, in report order.
fn of_code<'a>(report: &'a Value, code: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .collect()
}

const VALID: &str = include_str!("../fixtures/inventory/sommenstorm.yaml");

/// A temporary inventory with the given files (name, content).
fn inventory(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}

#[test]
fn example_inventory_human_output() {
    let (code, stdout, _) = run(&["check", "fixtures/inventory", "--today", TODAY]);
    assert_eq!(code, 1, "the example inventory has errors");
    assert!(
        stdout.contains("╭─[fixtures/inventory/peilwijzer.yaml:31:15]"),
        "{stdout}"
    );
    assert!(stdout.ends_with("checked 10 files: 5 errors, 16 warnings, 0 infos (0 waived)\n"));
    insta::assert_snapshot!("inventory_human", stdout);
}

#[test]
fn example_inventory_json_report() {
    let (code, report) = json(&["fixtures/inventory"]);
    assert_eq!(code, 1);
    assert_eq!(report["version"], 1);
    assert_eq!(report["tool"]["name"], "ibp-lint");
    assert_eq!(report["today"], TODAY);
    assert_eq!(
        report["summary"],
        serde_json::json!({"files": 10, "resources": 10, "errors": 5, "warnings": 16, "infos": 0, "waived": 0})
    );
    let keys: Vec<&str> = report["findings"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "code",
            "severity",
            "file",
            "resource",
            "path",
            "line",
            "column",
            "message",
            "help",
            "references",
            "waived"
        ]
    );
    let expired = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "AGR-002")
        .unwrap();
    assert_eq!(expired["file"], "fixtures/inventory/peilwijzer.yaml");
    assert_eq!(expired["resource"], "peilwijzer");
    assert_eq!(expired["path"], "/processing_agreement/expires_on");
    assert_eq!(
        (expired["line"].as_u64(), expired["column"].as_u64()),
        (Some(31), Some(15))
    );
    assert_eq!(
        expired["message"],
        "processing agreement expired on 2026-07-31"
    );
    assert_eq!(expired["references"], serde_json::json!(["AVG art. 28(3)"]));
    insta::assert_json_snapshot!("inventory_json", report);
}

#[test]
fn findings_are_sorted_and_output_is_deterministic() {
    let args = [
        "check",
        "--format",
        "json",
        "--today",
        TODAY,
        "fixtures/inventory",
    ];
    let (_, first, _) = run(&args);
    let (_, again, _) = run(&[&args[..], &["--jobs", "1"]].concat());
    assert_eq!(
        first, again,
        "same input, same bytes, whatever the thread count"
    );
    let report: Value = serde_json::from_str(&first).unwrap();
    let keys = common::places(&report);
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn dutch_output_with_lang_nl_and_from_the_environment() {
    let (_, stdout, _) = run(&[
        "check",
        "--format",
        "concise",
        "--lang",
        "nl",
        "--today",
        TODAY,
        "fixtures/inventory/peilwijzer.yaml",
    ]);
    assert!(
        stdout.contains("error[AGR-002] verwerkersovereenkomst is verlopen op 2026-07-31"),
        "{stdout}"
    );
    insta::assert_snapshot!("peilwijzer_concise_nl", stdout);

    let out = ibp()
        .env("LANG", "nl_NL.UTF-8")
        .args([
            "check",
            "--format",
            "concise",
            "--today",
            TODAY,
            "fixtures/inventory/peilwijzer.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        stdout,
        "LANG=nl_NL gives Dutch"
    );
}

#[test]
fn exit_0_when_clean_and_1_on_findings_at_fail_on() {
    let (code, stdout, _) = run(&[
        "check",
        "--today",
        TODAY,
        "fixtures/inventory/sommenstorm.yaml",
    ]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(
        stdout,
        "checked 1 files: 0 errors, 0 warnings, 0 infos (0 waived)\n"
    );

    // leerpoort has two warnings and no error.
    let file = "fixtures/inventory/leerpoort.yaml";
    assert_eq!(run(&["check", "--today", TODAY, file]).0, 0);
    assert_eq!(
        run(&["check", "--today", TODAY, "--fail-on", "warning", file]).0,
        1
    );
    assert_eq!(
        run(&["check", "--today", TODAY, "--fail-on", "info", file]).0,
        1
    );
    assert_eq!(
        run(&[
            "check",
            "--today",
            TODAY,
            "--fail-on",
            "never",
            "fixtures/inventory"
        ])
        .0,
        0
    );
}

#[test]
fn exit_2_when_the_tool_cannot_do_its_job() {
    let empty = tempfile::tempdir().unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["check".into(), "does/not/exist".into()],
            "cannot read does/not/exist",
        ),
        (
            vec!["check".into(), empty.path().display().to_string()],
            "no declaration files",
        ),
        (
            vec![
                "check".into(),
                "--today".into(),
                "23-11-2026".into(),
                "fixtures/inventory".into(),
            ],
            "`23-11-2026` is not a date",
        ),
        (
            vec![
                "check".into(),
                "--today".into(),
                "2026-2-3".into(),
                "fixtures/inventory".into(),
            ],
            "`2026-2-3` is not a date",
        ),
        (
            vec![
                "check".into(),
                "--select".into(),
                "AGR,NOPE".into(),
                "fixtures/inventory".into(),
            ],
            "unknown rule code or prefix `NOPE`",
        ),
        (
            vec![
                "check".into(),
                "--format".into(),
                "xml".into(),
                "fixtures/inventory".into(),
            ],
            "invalid value 'xml'",
        ),
    ];
    for (args, message) in cases {
        let (code, stdout, stderr) = run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(code, 2, "{args:?}: {stdout}{stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(
            stdout.is_empty(),
            "{args:?} must not print a report: {stdout}"
        );
    }
}

#[test]
fn a_policy_that_does_not_compile_is_exit_2() {
    let policies = inventory(&[(
        "broken.rego",
        "package ibp.rules.board\n\nfindings contains f if {\n",
    )]);
    let (code, _, stderr) = run(&[
        "check",
        "--policy",
        &policies.path().display().to_string(),
        "fixtures/inventory",
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("policy does not compile") && stderr.contains("broken.rego"),
        "{stderr}"
    );
}

#[test]
fn board_policies_outside_ibp_rules_are_exit_2_not_a_silent_pass() {
    for package in ["board.tracking", "ibp.rules"] {
        let source = format!(
            "package {package}\n\nfindings contains f if {{\n\tinput.resource.id\n\tf := {{\"code\": \"AGR-001\", \"path\": \"/id\", \"args\": {{}}}}\n}}\n"
        );
        let policies = inventory(&[("board.rego", &source)]);
        let (code, _, stderr) = run(&[
            "check",
            "--policy",
            &policies.path().display().to_string(),
            "fixtures/inventory",
        ]);
        assert_eq!(code, 2, "{package}: {stderr}");
        assert!(
            stderr.contains("board.rego")
                && stderr.contains(&format!(
                    "is in package `{package}`, which a board may not use"
                ))
                && stderr.contains("package of its own under `ibp.rules`"),
            "{stderr}"
        );
    }
    // A folder with no policy at all (empty, or only tests and a catalogue).
    let catalogue =
        std::fs::read_to_string(repo("fixtures/board-policy/board-policies/catalogue.yaml"))
            .unwrap();
    for files in [
        &[][..],
        &[
            ("catalogue.yaml", catalogue.as_str()),
            (
                "board_test.rego",
                "package ibp.rules.board_test
",
            ),
        ][..],
    ] {
        let policies = inventory(files);
        let (code, _, stderr) = run(&[
            "check",
            "--policy",
            &policies.path().display().to_string(),
            "fixtures/inventory",
        ]);
        assert_eq!(code, 2, "{files:?}: {stderr}");
        assert!(stderr.contains("no policy (a `.rego` file"), "{stderr}");
    }
}

#[test]
fn invalid_config_is_exit_2_with_its_line() {
    for (config, expected) in [
        (
            "apiVersion: ibp-lint/v1\nkind: Config\nsetings:\n  breach_max_hours: 12\n",
            &["ibp-lint.yaml:3:1: unknown key `setings`"][..],
        ),
        (
            "rules:\n  AGR-001: off\n  XYZ-001: error\n",
            &["ibp-lint.yaml:3:3: unknown rule code `XYZ-001`"][..],
        ),
        // A custom field's id in another spelling: the message gives its canonical form.
        (
            "custom_fields:\n  - id: Dyslexie-verklaring\n    category: special\n",
            &[
                "ibp-lint.yaml:2:9: `custom_fields[0].id`",
                "e.g. `dyslexie_verklaring`",
            ][..],
        ),
    ] {
        let dir = inventory(&[("ibp-lint.yaml", config), ("a.yaml", VALID)]);
        let (code, _, stderr) = run(&["check", &dir.path().display().to_string()]);
        assert_eq!(code, 2, "{config}");
        for text in expected {
            assert!(stderr.contains(text), "{text}: {stderr}");
        }
    }
}

#[test]
fn config_settings_and_severity_overrides_apply() {
    let breach48 = VALID.replace(
        "breach_notification_hours: 24",
        "breach_notification_hours: 48",
    );
    assert_ne!(breach48, VALID);
    let plain = inventory(&[("a.yaml", &breach48)]);
    let (_, report) = json(&[&plain.path().display().to_string()]);
    assert_eq!(codes(&report), ["BRE-002"]);
    assert_eq!(report["findings"][0]["severity"], "warning");

    let dir = inventory(&[
        (
            "ibp-lint.yaml",
            "apiVersion: ibp-lint/v1\nkind: Config\nsettings:\n  breach_max_hours: 48\n",
        ),
        ("a.yaml", &breach48),
    ]);
    let (code, report) = json(&[&dir.path().display().to_string()]);
    assert_eq!(
        (code, codes(&report).len()),
        (0, 0),
        "48 hours is within the board's 48"
    );

    let dir = inventory(&[
        ("ibp-lint.yaml", "rules:\n  BRE-002: error\n"),
        ("a.yaml", &breach48),
    ]);
    let (code, report) = json(&[&dir.path().display().to_string()]);
    assert_eq!(code, 1);
    assert_eq!(report["findings"][0]["severity"], "error");

    let dir = inventory(&[
        ("ibp-lint.yaml", "rules:\n  BRE-002: off\n"),
        ("a.yaml", &breach48),
    ]);
    let (code, report) = json(&[&dir.path().display().to_string()]);
    assert_eq!((code, codes(&report).len()), (0, 0));
}

#[test]
fn config_today_is_used_and_flag_beats_it() {
    let dir = inventory(&[("ibp-lint.yaml", "today: 2027-08-15\n"), ("a.yaml", VALID)]);
    let path = dir.path().display().to_string();
    let (_, stdout, _) = run(&["check", "--format", "json", &path]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["today"], "2027-08-15");
    assert!(
        codes(&report).contains(&"AGR-002".to_string()),
        "expired on 2027-07-31: {report}"
    );
    let (_, report) = json(&[&path]);
    assert_eq!(report["today"], TODAY);
}

#[test]
fn select_and_ignore_filter_by_code_and_prefix() {
    let (_, report) = json(&["--select", "MIN,AGR-002", "fixtures/inventory"]);
    let got = codes(&report);
    assert!(!got.is_empty());
    assert!(
        got.iter().all(|c| c.starts_with("MIN-") || c == "AGR-002"),
        "{got:?}"
    );
    let (_, report) = json(&["--ignore", "MIN", "fixtures/inventory"]);
    assert!(codes(&report).iter().all(|c| !c.starts_with("MIN-")));
    assert_eq!(report["summary"]["files"], 10);
}

#[test]
fn waivers_suppress_matching_findings_and_flag_unused_and_expired_ones() {
    let config = "\
apiVersion: ibp-lint/v1
kind: Config
waivers:
  - rule: MIN-001
    resource: peil*
    field: geslacht
    reason: Geslacht nodig voor normering; besproken met de FG
    approved_by: FG
  - rule: AGR-002
    resource: somewhere-else
    reason: typo in the id
    approved_by: FG
  - rule: LEAF-003
    resource: peilwijzer
    reason: new leaflet requested
    approved_by: FG
    expires_on: 2026-01-01
";
    let peil = std::fs::read_to_string(repo("fixtures/inventory/peilwijzer.yaml")).unwrap();
    let dir = inventory(&[("ibp-lint.yaml", config), ("peilwijzer.yaml", &peil)]);
    let (code, report) = json(&[&dir.path().display().to_string()]);
    assert_eq!(code, 1);
    let findings = report["findings"].as_array().unwrap();
    let waived: Vec<&Value> = findings.iter().filter(|f| f["waived"] == true).collect();
    assert_eq!(waived.len(), 1, "{findings:?}");
    assert_eq!(waived[0]["code"], "MIN-001");
    assert_eq!(waived[0]["path"], "/fields/5");
    assert_eq!(
        waived[0]["waiver_reason"],
        "Geslacht nodig voor normering; besproken met de FG"
    );
    let at = |code: &str| {
        findings.iter().find(|f| f["code"] == code).map(|f| {
            (
                f["file"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
    };
    assert_eq!(at("WAIVE-001"), Some(("ibp-lint.yaml".into(), 9)));
    assert_eq!(at("WAIVE-002"), Some(("ibp-lint.yaml".into(), 17)));
    assert!(
        codes(&report).contains(&"LEAF-003".to_string()),
        "an expired waiver suppresses nothing"
    );
    assert_eq!(report["summary"]["waived"], 1);
}

#[test]
fn oversized_and_broken_files_are_findings_and_the_rest_is_still_checked() {
    let big = format!("{VALID}\n# {}\n", "x".repeat(4096));
    let dir = inventory(&[
        ("ibp-lint.yaml", "settings:\n  max_file_kib: 4\n"),
        ("a-big.yaml", &big),
        ("b-broken.yaml", "apiVersion: ibp-lint/v1\nkind: [\n"),
        ("c-ok.yaml", VALID),
    ]);
    let (code, report) = json(&[&dir.path().display().to_string()]);
    assert_eq!(code, 1);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(codes(&report), ["DECL-001", "DECL-001"]);
    assert_eq!(
        findings[0]["message"],
        format!(
            "file is {} bytes, larger than the limit of 4 KiB (4096 bytes)",
            big.len()
        ),
        "the exact size, not rounded up"
    );
    assert_eq!(findings[1]["line"], 3, "{}", findings[1]);
    assert_eq!(report["summary"]["files"], 3);
}

#[test]
fn duplicate_ids_point_at_the_later_file() {
    let dir = inventory(&[("a.yaml", VALID), ("b.yaml", VALID)]);
    let (code, report) = json(&[&dir.path().display().to_string()]);
    assert_eq!(code, 1);
    assert_eq!(codes(&report), ["INV-001"]);
    let f = &report["findings"][0];
    assert!(f["file"].as_str().unwrap().ends_with("/b.yaml"));
    assert!(f["message"].as_str().unwrap().contains("a.yaml"), "{f}");
}

#[test]
fn checked_files_are_never_modified() {
    let before: Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> =
        std::fs::read_dir(repo("fixtures/inventory"))
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let meta = std::fs::metadata(&p).unwrap();
                (
                    p.clone(),
                    std::fs::read(&p).unwrap(),
                    meta.modified().unwrap(),
                )
            })
            .collect();
    let _ = run(&["check", "--today", TODAY, "fixtures/inventory"]);
    for (path, bytes, modified) in before {
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "{} changed",
            path.display()
        );
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            modified
        );
    }
}

#[test]
fn output_flag_writes_the_report_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    let (code, stdout, _) = run(&[
        "check",
        "--format",
        "json",
        "--today",
        TODAY,
        "--output",
        &out.display().to_string(),
        "fixtures/inventory",
    ]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(report["summary"]["errors"], 5);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

/// `--output` through a symbolic link writes the file it names and keeps the link; a link to
/// something that is not a regular file (here `/dev/null`) is written through, not replaced.
#[cfg(unix)]
#[test]
fn output_never_goes_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    let device = dir.path().join("device.json");
    std::os::unix::fs::symlink("/dev/null", &device).unwrap();
    let dangling = dir.path().join("dangling.json");
    std::os::unix::fs::symlink(dir.path().join("nowhere/new.json"), &dangling).unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::os::unix::fs::symlink("b", &a).unwrap();
    std::os::unix::fs::symlink("a", &b).unwrap();
    // A link committed at the output path (to a file, a device, nowhere, or in a loop) is
    // refused: the report is not written, the link and what it names stay as they were.
    for target in [&link, &device, &dangling, &a] {
        let (code, stdout, stderr) = run(&[
            "check",
            "--format",
            "json",
            "--today",
            TODAY,
            "--output",
            &target.display().to_string(),
            "fixtures/inventory",
        ]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stdout.is_empty());
        assert!(
            stderr.contains("refusing to write") && stderr.contains("symbolic link"),
            "{stderr}"
        );
        assert!(
            target.symlink_metadata().unwrap().is_symlink(),
            "{target:?}"
        );
    }
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "old");
    assert!(!dir.path().join("nowhere").exists());
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 6, "no temporary file is left behind");

    // A regular file is replaced, keeping its permissions.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let args = [
        "check",
        "--today",
        TODAY,
        "--format",
        "json",
        "fixtures/inventory",
    ];
    let (code, _, _) = run(&[&args[..], &["--output", &real.display().to_string()]].concat());
    assert_eq!(code, 1);
    let mode = std::fs::metadata(&real).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&real).unwrap()).unwrap();
    assert_eq!(report["summary"]["errors"], 5);

    // `--output /dev/stdout >> log` appends to the log instead of replacing it.
    #[cfg(target_os = "linux")]
    {
        let log = dir.path().join("log.txt");
        std::fs::write(&log, "PREVIOUS\n").unwrap();
        let appending = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ibp-lint"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .args(["--output", "/dev/stdout"])
            .stdout(appending)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let text = std::fs::read_to_string(&log).unwrap();
        let report = text
            .strip_prefix("PREVIOUS\n")
            .unwrap_or_else(|| panic!("{text}"));
        let report: Value = serde_json::from_str(report).unwrap();
        assert_eq!(report["summary"]["errors"], 5);
    }
}

/// A report that cannot reach standard output (a full disk) is a failure of the tool, exit 2,
/// not a silent pass; `--jobs` far above the number of files still runs (the threads are
/// capped).
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_to_stdout_exits_2() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ibp-lint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "json", "--today", TODAY, "--jobs"])
        .args(["1000000", "fixtures/inventory/sommenstorm.yaml"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("cannot write standard output"), "{stderr}");
}

/// An unquoted KvK number is named as written: the leading zero YAML drops is the point.
#[test]
fn an_unquoted_kvk_number_is_named_as_written() {
    let (code, report) = json(&["fixtures/rules/DECL-002/fail-kvk-unquoted-leading-zero.yaml"]);
    assert_eq!(code, 1);
    let kvk = of_code(&report, "DECL-002");
    assert_eq!(kvk.len(), 1, "{report}");
    assert_eq!(
        kvk[0]["message"],
        "KvK number `01234567` is written as a number, not as a quoted string"
    );
}

#[test]
fn quiet_prints_only_the_summary() {
    let (code, stdout, _) = run(&["check", "-q", "--today", TODAY, "fixtures/inventory"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "checked 10 files: 5 errors, 16 warnings, 0 infos (0 waived)\n"
    );
}

#[test]
fn schema_prints_the_embedded_schemas() {
    for (kind, file) in [
        ("resource", "schemas/resource.schema.json"),
        ("config", "schemas/config.schema.json"),
    ] {
        let (code, stdout, _) = run(&["schema", kind]);
        assert_eq!(code, 0);
        assert_eq!(stdout, std::fs::read_to_string(repo(file)).unwrap());
        let schema: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
    }
    assert_eq!(run(&["schema"]).1, run(&["schema", "resource"]).1);
}

#[test]
fn init_writes_a_template_that_passes_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nieuw.yaml");
    let path = file.display().to_string();
    assert_eq!(
        run(&["init", "--id", "nieuw-product", "--output", &path]).0,
        0
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("id: nieuw-product"));
    assert!(
        text.contains("[convenant]"),
        "says what a publisher must fill in"
    );
    let (_, report) = json(&[&path]);
    // No structural finding, and no finding that contradicts the template's own values: only
    // what a user must still do (sign the agreement, date the leaflet).
    assert_eq!(codes(&report), ["AGR-001", "LEAF-004"], "{report}");
    assert_eq!(report["findings"][0]["resource"], "nieuw-product");

    // Every commented key is a valid one: with all of them filled in as the comments show
    // (the controller-only keys left out), the declaration still passes the schema, and a
    // publisher's readiness requirements are all declared.
    let mut filled = String::new();
    for line in text.lines() {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let uncommented = body.strip_prefix("# ").filter(|rest| {
            let key = rest.split(':').next().unwrap_or("");
            let nested = rest.starts_with(' ') && rest.trim_start().contains(": ");
            (!key.is_empty()
                && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                && rest.contains(':'))
                || nested
        });
        match uncommented {
            Some(rest)
                if !rest.starts_with("disclosure_basis")
                    && !rest.starts_with("national_id_legal_basis")
                    && !rest.starts_with("national_agreement")
                    && !rest.starts_with("role:")
                    && !rest.starts_with("tracking:")
                    && !rest.starts_with("improvement_data")
                    && !rest.starts_with("- field")
                    && !rest.trim_start().starts_with("purposes: [result") =>
            {
                filled.push_str(indent);
                filled.push_str(rest);
            }
            _ => filled.push_str(line),
        }
        filled.push('\n');
    }
    let filled = filled.replace("status: pending", "status: signed");
    let full = dir.path().join("filled.yaml");
    std::fs::write(&full, &filled).unwrap();
    let (_, report) = json(&["--profile", "publisher", &full.display().to_string()]);
    assert_eq!(codes(&report), Vec::<String>::new(), "{filled}\n{report}");
    // 11 requirements for every declaration and ID-004 for the ECK iD (no subprocessor, no
    // tracker in the template).
    assert_eq!(
        report["summary"]["readiness"],
        serde_json::json!({"met": 12, "total": 12}),
        "{report}"
    );

    let (code, _, stderr) = run(&["init", "--output", &path]);
    assert_eq!(code, 2, "never overwrites");
    assert!(stderr.contains("already exists"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    assert_eq!(run(&["init", "--id", "Not Valid"]).0, 2);
    // Not over a symlink either, even one that points nowhere; and no temporary file is left.
    #[cfg(unix)]
    {
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(dir.path().join("missing.yaml"), &link).unwrap();
        let (code, _, stderr) = run(&["init", "--output", &link.display().to_string()]);
        assert_eq!(code, 2, "{stderr}");
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert!(!dir.path().join("missing.yaml").exists());
    }
    let temporary: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(temporary.is_empty(), "{temporary:?}");
}

#[test]
fn rules_lists_every_catalogue_code() {
    let (code, stdout, _) = run(&["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let rules: Value = serde_json::from_str(&stdout).unwrap();
    let listed: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    let catalogue = ibp_lint::catalogue::Catalogue::builtin().unwrap();
    let all: Vec<&str> = catalogue.rules().iter().map(|r| r.code.as_str()).collect();
    assert_eq!(listed, all);
    let (_, human, _) = run(&["rules", "--lang", "nl"]);
    assert!(
        human.contains(
            // The severity column is as wide as `fout / waarschuwing` (LEAF-001).
            "AGR-002    fout                verwerkersovereenkomst is verlopen  (AVG art. 28(3))"
        ),
        "{human}"
    );
    let (_, markdown, _) = run(&["rules", "--format", "markdown"]);
    assert!(
        std::fs::read_to_string(repo("README.md"))
            .unwrap()
            .contains(&markdown)
    );
    // LEAF-001 is "error / warning" in rules.md: an error where the leaflet is part of the
    // agreement, a warning otherwise. The default stays `error`.
    let leaf = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "LEAF-001")
        .unwrap();
    assert_eq!(leaf["severity"], "error");
    assert_eq!(leaf["severities"], serde_json::json!(["error", "warning"]));
    assert_eq!(rules[0]["severities"], serde_json::json!(["error"]));
    assert!(markdown.contains("| `LEAF-001` | error / warning | no privacy leaflet |"));
    assert!(
        run(&["explain", "LEAF-001"])
            .1
            .starts_with("LEAF-001 missing-privacy-leaflet (error / warning)\n")
    );
}

#[test]
fn waivers_are_matched_before_selection_and_obey_severity_overrides() {
    let config = "\
rules:
  WAIVE-002: off
waivers:
  - rule: MIN-001
    resource: peilwijzer
    reason: Besproken met de FG
    approved_by: FG
  - rule: LEAF-003
    resource: peilwijzer
    reason: verlopen
    approved_by: FG
    expires_on: 2026-01-01
";
    let peil = std::fs::read_to_string(repo("fixtures/inventory/peilwijzer.yaml")).unwrap();
    let dir = inventory(&[("ibp-lint.yaml", config), ("peilwijzer.yaml", &peil)]);
    let path = dir.path().display().to_string();
    // --select AGR hides the MIN-001 findings but the waiver still matched them: no WAIVE-001.
    let (_, report) = json(&["--select", "AGR", &path]);
    assert_eq!(codes(&report), ["AGR-002"]);
    // WAIVE-002 is set to off by the board: the expired waiver is not reported.
    let (_, report) = json(&[&path]);
    assert!(
        !codes(&report).contains(&"WAIVE-002".to_string()),
        "{report}"
    );
    assert_eq!(report["summary"]["waived"], 2);
}

#[test]
fn a_file_reached_twice_is_checked_once() {
    let (_, report) = json(&[
        "fixtures/inventory/peilwijzer.yaml",
        "./fixtures/inventory/peilwijzer.yaml",
        "fixtures/inventory/../inventory/peilwijzer.yaml",
    ]);
    assert_eq!(report["summary"]["files"], 1);
    assert!(!codes(&report).contains(&"INV-001".to_string()));
}

#[test]
fn a_config_found_by_walking_up_is_reported_relative() {
    let config =
        "waivers:\n  - rule: AGR-002\n    resource: nothing\n    reason: r\n    approved_by: FG\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ibp-lint.yaml"), config).unwrap();
    std::fs::create_dir(dir.path().join("po")).unwrap();
    std::fs::write(dir.path().join("po/a.yaml"), VALID).unwrap();
    let out = ibp()
        .current_dir(dir.path().join("po"))
        .args(["check", "--format", "json", "--today", TODAY, "a.yaml"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(codes(&report), ["WAIVE-001"]);
    assert_eq!(report["findings"][0]["file"], "../ibp-lint.yaml");
    assert_eq!(report["findings"][0]["line"], 2);
}

#[test]
fn messages_name_long_values_in_full() {
    let custom = VALID.replace("model: \"4.0\"", "model: custom");
    assert_ne!(custom, VALID);
    let dir = inventory(&[("a.yaml", &custom)]);
    let (_, report) = json(&[&dir.path().display().to_string()]);
    let agr007 = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "AGR-007")
        .unwrap_or_else(|| panic!("{report}"));
    let message = agr007["message"].as_str().unwrap();
    assert!(message.ends_with("delete_or_return, audits"), "{message}");
    assert!(
        message.contains("subject_duration, nature_purpose, data_types"),
        "{message}"
    );
}

#[test]
fn severity_flag_beats_the_config() {
    let peil = std::fs::read_to_string(repo("fixtures/inventory/peilwijzer.yaml")).unwrap();
    let dir = inventory(&[
        ("ibp-lint.yaml", "rules:\n  MIN-001: off\n"),
        ("peilwijzer.yaml", &peil),
    ]);
    let path = dir.path().display().to_string();
    let (_, report) = json(&[&path]);
    assert!(!codes(&report).contains(&"MIN-001".to_string()));
    let (code, report) = json(&[
        "--severity",
        "MIN-001=error",
        "--severity",
        "AGR-002=off",
        &path,
    ]);
    assert_eq!(code, 1);
    let min = of_code(&report, "MIN-001");
    assert_eq!(min.len(), 2);
    assert!(min.iter().all(|f| f["severity"] == "error"));
    assert!(!codes(&report).contains(&"AGR-002".to_string()));
    assert_eq!(run(&["check", "--severity", "NOPE-001=off", &path]).0, 2);
    assert_eq!(run(&["check", "--severity", "MIN-001=loud", &path]).0, 2);
}

#[test]
fn explain_shows_examples_and_fix_in_both_languages() {
    let (code, stdout, _) = run(&["explain", "AGR-002"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("explain_agr002", stdout);
    let (_, nl, _) = run(&["explain", "agr-002", "--lang", "nl"]);
    assert!(
        nl.contains("Niet in orde:") && nl.contains("verwerkersovereenkomst"),
        "{nl}"
    );
    // An absent key is shown as a comment, in the run's language.
    let (_, nl, _) = run(&["explain", "XFER-003", "--lang", "nl"]);
    assert!(nl.contains("# hosting: weggelaten ("), "{nl}");
    assert!(nl.contains("`# sleutel: weggelaten` betekent"), "{nl}");
    let (code, _, stderr) = run(&["explain", "AGR-02"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `AGR-002`?"), "{stderr}");
}

#[test]
fn xfer001_names_the_limits_of_the_canada_and_japan_decisions() {
    // CA and JP are adequate by default; only a board that removed them (its recipient is not
    // under PIPEDA or the APPI) reaches these helps, so a fixture cannot show them.
    let declaration = VALID.replace("countries: [NL, DE]", "countries: [CA, JP]");
    let dir = inventory(&[
        (
            "ibp-lint.yaml",
            "apiVersion: ibp-lint/v1\nkind: Config\nsettings:\n  adequate_countries: [CH, GB, NZ]\n",
        ),
        ("sommenstorm.yaml", &declaration),
    ]);
    let (_, report) = json(&[&dir.path().display().to_string()]);
    let xfer = of_code(&report, "XFER-001");
    assert_eq!(xfer.len(), 2, "{report}");
    for f in &xfer {
        let help = f["help"].as_str().unwrap();
        assert!(
            help.contains("PIPEDA (commercial organisations) and the APPI"),
            "{help}"
        );
    }
    let (_, report) = json(&["--lang", "nl", &dir.path().display().to_string()]);
    let help = of_code(&report, "XFER-001")[0]["help"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        help.contains("PIPEDA (commerciële organisaties) en de APPI"),
        "{help}"
    );
    // With the default list both are adequate.
    let dir = inventory(&[("sommenstorm.yaml", &declaration)]);
    let (_, report) = json(&[&dir.path().display().to_string()]);
    assert!(of_code(&report, "XFER-001").is_empty(), "{report}");
}

#[test]
fn a_board_policy_adds_its_own_rule_everywhere() {
    let (code, report) = json(&["fixtures/board-policy/inventory"]);
    assert_eq!(code, 1);
    let board = of_code(&report, "BOARD-001");
    assert_eq!(board.len(), 2, "{report}");
    let counted = board.iter().find(|f| f["waived"] == false).unwrap();
    assert_eq!(counted["resource"], "wolkenwijs");
    assert_eq!(counted["path"], "/hosting/countries/0");
    assert_eq!(counted["severity"], "error");
    assert_eq!(
        counted["references"],
        serde_json::json!(["Besluit bestuur De Linde Onderwijs 2026-03 (GMR)"])
    );
    let waived = board.iter().find(|f| f["waived"] == true).unwrap();
    assert_eq!(waived["path"], "/subprocessors/1/country");
    // The custom field `avatarkeuze` is known: no DECL-003.
    assert!(!codes(&report).contains(&"DECL-003".to_string()));
    assert_eq!(report["summary"]["waived"], 1);

    let (_, rules, _) = ibp()
        .current_dir(repo("fixtures/board-policy"))
        .args(["rules"])
        .output()
        .map(|o| (0, String::from_utf8(o.stdout).unwrap(), ()))
        .unwrap();
    assert!(
        rules.contains("BOARD-001  error           pupil data stored or processed outside the EU"),
        "{rules}"
    );
    let explain = ibp()
        .current_dir(repo("fixtures/board-policy"))
        .args(["explain", "BOARD-001"])
        .output()
        .unwrap();
    let explain = String::from_utf8(explain.stdout).unwrap();
    assert!(
        explain.contains("Non-compliant:\n  hosting:\n    countries: [NL, CH]"),
        "the board's own examples: {explain}"
    );
    let (code, verify, _) = run(&["verify", "fixtures/board-policy/board-policies"]);
    assert_eq!(code, 0, "{verify}");
    assert!(verify.contains("test_swiss_hosting_is_reported_although_adequate"));
}

/// The layout format.md shows: `ibp-lint.yaml` at the inventory's root naming a policy folder
/// inside it. Checking the root leaves the folder's `catalogue.yaml` out (it is no
/// declaration), and naming the folder again with `--policy`, or one `.rego` file of it,
/// loads its rules once, with the catalogue beside the file.
#[test]
fn a_board_policy_folder_inside_the_inventory_is_no_declaration_and_loads_once() {
    let root = repo("fixtures/board-policy");
    let from_root = |args: &[&str]| {
        let out = ibp()
            .current_dir(&root)
            .args(["check", "--format", "json", "--today", TODAY])
            .args(args)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
        (out.status.code(), report)
    };
    for args in [
        &["."][..],
        &[][..],
        &["inventory", "--policy", "board-policies"][..],
        &[".", "--policy", "board-policies/"][..],
    ] {
        let (code, report) = from_root(args);
        assert_eq!(code, Some(1), "{args:?}: {report}");
        assert_eq!(report["summary"]["files"], 2, "{args:?}: {report}");
        assert_eq!(
            codes(&report),
            ["BOARD-001", "BOARD-001"],
            "{args:?}: {report}"
        );
        assert_eq!(report["summary"]["waived"], 1, "{args:?}: {report}");
    }
    let (code, report) = from_root(&[
        "inventory",
        "--config",
        "/dev/null",
        "--policy",
        "board-policies/eu_only.rego",
    ]);
    assert_eq!(code, Some(1), "{report}");
    assert_eq!(of_code(&report, "BOARD-001").len(), 2, "{report}");

    let out = ibp()
        .current_dir(&root)
        .args(["explain", "BOARD-001", "--policy", "board-policies"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");

    // Run from inside the policy folder: nothing there is a declaration (fails closed).
    let out = ibp()
        .current_dir(root.join("board-policies"))
        .args(["check", "--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no declaration files"));
}

#[test]
fn custom_rules_that_collide_or_emit_malformed_findings_are_errors() {
    let collide = inventory(&[
        (
            "p/catalogue.yaml",
            &std::fs::read_to_string(repo("fixtures/board-policy/board-policies/catalogue.yaml"))
                .unwrap()
                .replace("BOARD-001", "AGR-999"),
        ),
        ("p/x.rego", "package ibp.rules.x\n"),
    ]);
    let (code, _, stderr) = run(&[
        "check",
        "--policy",
        &collide.path().join("p").display().to_string(),
        "fixtures/inventory",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("built-in prefix `AGR`"), "{stderr}");
    assert!(
        stderr.contains("rule catalogue is invalid") && stderr.contains("fix the catalogue.yaml"),
        "the help points at the catalogue, not at the Rego: {stderr}"
    );

    let malformed = inventory(&[(
        "p/bad.rego",
        "package ibp.rules.bad\n\nfindings contains {\"code\": \"AGR-001\", \"path\": \"/id\", \"colour\": \"red\"}\n",
    )]);
    let (code, _, stderr) = run(&[
        "check",
        "--policy",
        &malformed.path().join("p").display().to_string(),
        "fixtures/inventory",
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("malformed finding") && stderr.contains("colour"),
        "{stderr}"
    );

    let unknown = inventory(&[(
        "p/u.rego",
        "package ibp.rules.u\n\nfindings contains {\"code\": \"BOARD-404\", \"path\": \"/id\"}\n",
    )]);
    let (code, _, stderr) = run(&[
        "check",
        "--policy",
        &unknown.path().join("p").display().to_string(),
        "fixtures/inventory",
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`BOARD-404`, which is not in the rule catalogue"),
        "{stderr}"
    );

    // A variant the rule's catalogue entry lacks would print the default text: exit 2.
    let variant = inventory(&[(
        "p/v.rego",
        "package ibp.rules.v\n\nfindings contains {\"code\": \"AGR-002\", \"path\": \"/id\", \"variant\": \"nope\", \"args\": {\"date\": \"x\"}}\n",
    )]);
    let (code, _, stderr) = run(&[
        "check",
        "--policy",
        &variant.path().join("p").display().to_string(),
        "fixtures/inventory",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("variant `nope`"), "{stderr}");
}

/// A rule the run does not apply finds nothing, so it has no case: one case per (file, rule)
/// with findings plus the file's passing case, not one per rule of the catalogue.
#[test]
fn junit_has_no_cases_for_rules_not_applied() {
    let junit = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "junit", "--today", TODAY];
        args.extend_from_slice(extra);
        args.push("fixtures/inventory/peilwijzer.yaml");
        run(&args).1
    };
    let cases = |xml: &str| -> Vec<String> {
        let doc = roxmltree::Document::parse(xml).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .map(|n| n.attribute("name").unwrap().to_string())
            .collect()
    };
    let all = junit(&[]);
    assert_eq!(
        cases(&all),
        ["rules without findings", "AGR-002", "LEAF-003", "MIN-001"],
        "{all}"
    );
    let selected = junit(&["--select", "AGR"]);
    assert_eq!(
        cases(&selected),
        ["rules without findings", "AGR-002"],
        "{selected}"
    );
    assert!(
        selected.contains("tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\""),
        "{selected}"
    );
}

#[test]
fn inventory_findings_show_both_files_in_human_output() {
    let (code, stdout, _) = run(&["check", "--today", TODAY, "fixtures/rules/INV-001/fail"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("╭─[fixtures/rules/INV-001/fail/b-rekenmeester-copy.yaml:5:5]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("╭─[fixtures/rules/INV-001/fail/a-rekenmeester.yaml:4:5]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("╰── `rekenmeester` first declared here"),
        "{stdout}"
    );
    let (_, nl, _) = run(&[
        "check",
        "--today",
        TODAY,
        "--lang",
        "nl",
        "fixtures/rules/INV-001/fail",
        "fixtures/rules/INV-002/fail",
    ]);
    assert!(
        nl.contains("╰── `rekenmeester` staat hier voor het eerst"),
        "{nl}"
    );
    assert!(nl.contains("── ook de bijsluiter van `"), "{nl}");
    assert!(
        !nl.contains("Advice"),
        "no English heading over the other place: {nl}"
    );
}

#[test]
fn a_policy_that_runs_away_on_a_file_is_a_finding_for_that_file() {
    let policies = inventory(&[(
        "slow.rego",
        "package ibp.rules.slow\n\na := \"aaaaaaaaaaaaaaaa\"\n\nb := concat(\"\", [a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a])\n\nxs := split(concat(\"\", [b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b]), \"\")\n\nfindings contains f if {\n\tinput.resource.id == \"peilwijzer\"\n\tcount([[x, y] | some x in xs; some y in xs]) > 0\n\tf := {\"code\": \"AGR-001\", \"path\": \"/id\", \"args\": {\"status\": \"x\"}}\n}\n",
    )]);
    let started = std::time::Instant::now();
    let (code, report) = json(&[
        "--policy",
        &policies.path().display().to_string(),
        "fixtures/inventory",
    ]);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "bounded time"
    );
    assert_eq!(code, 1);
    let pol = of_code(&report, "POL-001");
    assert_eq!(pol.len(), 1, "{report}");
    assert_eq!(pol[0]["resource"], "peilwijzer");
    assert_eq!(pol[0]["severity"], "error");
    assert_eq!(
        report["summary"]["files"], 10,
        "the rest of the inventory is still checked"
    );
    assert!(
        codes(&report).contains(&"XFER-002".to_string()),
        "other files keep their findings"
    );
}

#[test]
fn concise_prints_one_line_per_finding_and_the_summary_on_stderr() {
    let (code, report) = json(&["fixtures/inventory"]);
    assert_eq!(code, 1);
    let counted = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["waived"] == false)
        .count();
    let (code, stdout, stderr) = run(&[
        "check",
        "--format",
        "concise",
        "--today",
        TODAY,
        "fixtures/inventory",
    ]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), counted, "{stdout}");
    for line in &lines {
        let (place, rest) = line.split_once(": ").unwrap();
        let parts: Vec<&str> = place.rsplitn(3, ':').collect();
        assert!(
            parts[0].parse::<usize>().is_ok() && parts[1].parse::<usize>().is_ok(),
            "{line}"
        );
        assert!(parts[2].ends_with(".yaml"), "{line}");
        assert!(
            ["error[", "warning[", "info["]
                .iter()
                .any(|s| rest.starts_with(s)),
            "{line}"
        );
    }
    assert_eq!(
        stderr.trim(),
        format!(
            "checked 10 files: {} errors, {} warnings, {} infos (0 waived)",
            report["summary"]["errors"], report["summary"]["warnings"], report["summary"]["infos"]
        )
    );
}

#[test]
fn a_finding_matched_by_two_waivers_uses_both() {
    let config = "\
apiVersion: ibp-lint/v1
kind: Config
waivers:
  - rule: LEAF-003
    resource: peilwijzer
    reason: nieuwe bijsluiter aangevraagd
    approved_by: FG
  - rule: LEAF-003
    resource: \"*\"
    reason: alle bijsluiters worden dit jaar vernieuwd
    approved_by: FG
";
    let peil = std::fs::read_to_string(repo("fixtures/inventory/peilwijzer.yaml")).unwrap();
    let dir = inventory(&[("ibp-lint.yaml", config), ("peilwijzer.yaml", &peil)]);
    let (_, report) = json(&[&dir.path().display().to_string()]);
    let got = codes(&report);
    assert!(!got.contains(&"WAIVE-001".to_string()), "{got:?}");
    let leaf = of_code(&report, "LEAF-003");
    assert_eq!(leaf.len(), 1);
    assert_eq!(leaf[0]["waived"], true);
    assert_eq!(leaf[0]["waiver_reason"], "nieuwe bijsluiter aangevraagd");
}

#[test]
fn another_ibp_lint_yaml_in_the_walk_is_not_a_declaration() {
    let dir = inventory(&[
        ("a.yaml", VALID),
        (
            "school-b/ibp-lint.yaml",
            "apiVersion: ibp-lint/v1\nkind: Config\n",
        ),
    ]);
    let (code, report) = json(&[&dir.path().display().to_string()]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn walk_order_and_finding_order_agree_on_the_first_of_a_duplicate_id() {
    // `a-b/x.yaml` sorts before `a/x.yaml` as text, so it is the first declaration of the id
    // and the INV-001 finding (like the report order) goes to `a/x.yaml`.
    let dir = inventory(&[("a/x.yaml", VALID), ("a-b/x.yaml", VALID)]);
    let (_, report) = json(&[&dir.path().display().to_string()]);
    assert_eq!(codes(&report), ["INV-001"]);
    let f = &report["findings"][0];
    assert!(f["file"].as_str().unwrap().ends_with("/a/x.yaml"), "{f}");
    assert!(f["message"].as_str().unwrap().contains("a-b/x.yaml"), "{f}");
}

#[test]
fn explain_shows_an_absent_key_as_a_comment() {
    let (code, stdout, _) = run(&["explain", "LEAF-001"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("  # privacy_leaflet: left out (no privacybijsluiter)\n"),
        "{stdout}"
    );
    assert!(!stdout.contains(": ~"), "{stdout}");
}

#[test]
fn concise_lists_waived_findings_only_when_asked() {
    let config = "\
apiVersion: ibp-lint/v1
kind: Config
waivers:
  - rule: LEAF-003
    resource: peilwijzer
    reason: nieuwe bijsluiter aangevraagd
    approved_by: FG
";
    let peil = std::fs::read_to_string(repo("fixtures/inventory/peilwijzer.yaml")).unwrap();
    let dir = inventory(&[("ibp-lint.yaml", config), ("peilwijzer.yaml", &peil)]);
    let path = dir.path().display().to_string();
    let concise = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "concise", "--today", TODAY];
        args.extend_from_slice(extra);
        args.push(&path);
        run(&args).1
    };
    let hidden = concise(&[]);
    assert!(!hidden.contains("LEAF-003"), "{hidden}");
    let shown = concise(&["--show-waived"]);
    let line = shown.lines().find(|l| l.contains("[LEAF-003]")).unwrap();
    assert!(
        line.ends_with("(waived: nieuwe bijsluiter aangevraagd)"),
        "{line}"
    );
    assert_eq!(shown.lines().count(), hidden.lines().count() + 1);
}

#[test]
fn human_headers_give_the_same_line_and_column_as_the_other_formats() {
    // Columns count characters: `é` before a node is one column, and a node past the 300
    // characters a snippet shows keeps its own column.
    let short = "  - {note: \"één\", field: \"géb\"}\n";
    let long = format!(
        "  - {{note: \"naïef {}\", field: \"xyz\", purposes: [advertising]}}\n",
        "x".repeat(320)
    );
    let text = VALID.replacen(
        "  - jaargroep\n",
        &format!("  - jaargroep\n{short}{long}"),
        1,
    );
    let dir = inventory(&[("a.yaml", &text)]);
    let path = dir.path().join("a.yaml").display().to_string();
    let (_, concise, _) = run(&["check", "--today", TODAY, "--format", "concise", &path]);
    let expected: Vec<String> = concise
        .lines()
        .map(|l| l.split(": ").next().unwrap().to_string())
        .collect();
    let column_of =
        |line: &str, needle: &str| line.find(needle).map(|b| line[..b].chars().count() + 1);
    for (line, needle) in [(22, "\"géb\""), (23, "\"xyz\""), (23, "advertising")] {
        let source = text.lines().nth(line - 1).unwrap();
        let at = format!("{path}:{line}:{}", column_of(source, needle).unwrap());
        assert!(expected.contains(&at), "{at} in {concise}");
    }
    let (_, human, _) = run(&["check", "--today", TODAY, &path]);
    let shown: Vec<String> = human
        .lines()
        .filter_map(|l| l.trim().strip_prefix("╭─["))
        .map(|l| l.trim_end_matches(']').to_string())
        .collect();
    assert_eq!(shown, expected, "{human}");
}

#[test]
fn every_listed_subcommand_has_help_with_an_example() {
    let (code, top, _) = run(&["--help"]);
    assert_eq!(code, 0);
    let commands: Vec<&str> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        commands,
        [
            "check", "rules", "schema", "init", "verify", "explain", "report", "import"
        ],
        "{top}"
    );
    for command in commands {
        let (code, help, stderr) = run(&[command, "--help"]);
        assert_eq!(code, 0, "{command} --help: {stderr}");
        let examples = help.split("Examples:").nth(1).unwrap_or_default();
        assert!(
            examples.contains(&format!("ibp-lint {command}")),
            "{command} --help has no example: {help}"
        );
    }
}

#[test]
fn a_declaration_that_does_not_parse_still_takes_part_in_inv_001_with_its_readable_id() {
    // b.yaml repeats a key, c.yaml holds a second document: both DECL-001, both with the id
    // `sommenstorm` readable before the problem (rules.md). d.yaml breaks before its id.
    let duplicate = VALID.replacen("sectors: [po]", "sectors: [po]\nsectors: [vo]", 1);
    let two_documents = format!("{VALID}---\nid: other\n");
    let broken = VALID.replacen("kind: LearningResource", "kind: [LearningResource", 1);
    let dir = inventory(&[
        ("a.yaml", VALID),
        ("b.yaml", &duplicate),
        ("c.yaml", &two_documents),
        ("d.yaml", &broken),
    ]);
    let (code, report) = json(&[&dir.path().display().to_string()]);
    assert_eq!(code, 1);
    let file = |f: &Value| {
        let path = f["file"].as_str().unwrap();
        path.rsplit('/').next().unwrap().to_string()
    };
    let inv: Vec<(String, u64)> = of_code(&report, "INV-001")
        .iter()
        .map(|f| (file(f), f["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        inv,
        [("b.yaml".into(), 5), ("c.yaml".into(), 5)],
        "{report:#}"
    );
    let decl: Vec<(String, Value)> = of_code(&report, "DECL-001")
        .iter()
        .map(|f| (file(f), f["resource"].clone()))
        .collect();
    assert_eq!(
        decl,
        [
            ("b.yaml".into(), Value::from("sommenstorm")),
            ("c.yaml".into(), Value::from("sommenstorm")),
            ("d.yaml".into(), Value::Null),
        ],
        "{report:#}"
    );
}

#[test]
fn settings_at_the_edges_of_their_range() {
    // A warning window that reaches past year 9999 still warns (the window is clamped there).
    let dir = inventory(&[
        (
            "ibp-lint.yaml",
            "apiVersion: ibp-lint/v1\nkind: Config\nsettings:\n  agreement_expiry_warning_days: 4000000000\n",
        ),
        ("a.yaml", VALID),
    ]);
    let (_, report) = json(&[&dir.path().display().to_string()]);
    assert_eq!(codes(&report), ["AGR-003"], "{report:#}");

    // A number too large for a setting is an invalid config at its own line.
    let dir = inventory(&[
        (
            "ibp-lint.yaml",
            "apiVersion: ibp-lint/v1\nkind: Config\nsettings:\n  breach_max_hours: 24\n  max_deletion_days: 4294967296\n",
        ),
        ("a.yaml", VALID),
    ]);
    let (code, _, stderr) = run(&["check", "--today", TODAY, &dir.path().display().to_string()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("ibp-lint.yaml:5:22"), "{stderr}");
}

#[test]
fn control_characters_in_a_waiver_reason_are_not_sent_raw() {
    let breach48 = VALID.replace(
        "breach_notification_hours: 24",
        "breach_notification_hours: 48",
    );
    let config = "apiVersion: ibp-lint/v1\nkind: Config\nwaivers:\n  - rule: BRE-002\n    resource: sommenstorm\n    reason: \"ok\\nsecond line\\e[31mred\\a\"\n    approved_by: FG\n";
    let dir = inventory(&[("ibp-lint.yaml", config), ("a.yaml", &breach48)]);
    let path = dir.path().display().to_string();
    for format in ["concise", "human"] {
        let (code, stdout, _) = run(&[
            "check",
            "--today",
            TODAY,
            "--show-waived",
            "--format",
            format,
            &path,
        ]);
        assert_eq!(code, 0, "{stdout}");
        assert!(
            stdout.contains("ok␊second line␛[31mred␇)"),
            "{format}: {stdout}"
        );
        assert!(
            !stdout.chars().any(|c| c.is_control() && c != '\n'),
            "{format}: {stdout:?}"
        );
    }
}

#[test]
fn a_board_finding_without_an_argument_its_message_names_is_exit_2() {
    let catalogue =
        std::fs::read_to_string(repo("fixtures/board-policy/board-policies/catalogue.yaml"))
            .unwrap();
    let rego = "package ibp.rules.board\n\nfindings contains f if {\n\tinput.resource.id\n\tf := {\"code\": \"BOARD-001\", \"path\": \"/id\", \"args\": {\"where\": \"id\"}}\n}\n";
    let policies = inventory(&[("catalogue.yaml", &catalogue), ("board.rego", rego)]);
    let (code, _, stderr) = run(&[
        "check",
        "--today",
        TODAY,
        "--policy",
        &policies.path().display().to_string(),
        "fixtures/inventory",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("BOARD-001 emitted no `country` in its `args`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("fixtures/inventory/"),
        "names the declaration: {stderr}"
    );
}

#[test]
fn schema_errors_name_the_offending_key() {
    for (file, expected) in [
        (
            "fixtures/rules/DECL-002/fail-hours-as-string.yaml",
            "`breach_notification_hours`: expected type `integer`, found `\"24\"`",
        ),
        (
            "fixtures/rules/DECL-002/fail-country-three-letters.yaml",
            "`hosting.countries[0]`: `NLD` does not have the expected form",
        ),
    ] {
        let (_, report) = json(&[file]);
        let messages: Vec<&str> = of_code(&report, "DECL-002")
            .iter()
            .map(|f| f["message"].as_str().unwrap())
            .collect();
        assert_eq!(messages, [expected], "{file}");
    }
}

#[test]
fn a_misspelt_purpose_of_a_long_form_field_is_reported_at_that_purpose() {
    // The item matches neither branch of `fields.items.anyOf` (a name, or a long-form field):
    // each wrong purpose is its own finding at its own node, not one finding at the item that
    // shows the whole object.
    let text = VALID.replace(
        "    purposes: [result_feedback]",
        "    purposes: [result_feedbak, education, foo]",
    );
    assert_ne!(text, VALID);
    let dir = inventory(&[("a.yaml", &text)]);
    let (code, report) = json(&[&dir.path().display().to_string()]);
    assert_eq!(code, 1);
    let found: Vec<(&str, u64, u64, &str)> = of_code(&report, "DECL-002")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    let allowed = "education, access, ordering_delivery, result_feedback, progress_monitoring, administration, communication, support, security, legal_obligation, product_improvement, advertising, marketing, sale_of_data, commercial_profiling, ai_training";
    assert_eq!(
        found,
        [
            (
                "/fields/4/purposes/0",
                23,
                16,
                &*format!(
                    "`fields[4].purposes[0]`: value `result_feedbak` is not allowed, expected one of: {allowed}"
                )
            ),
            (
                "/fields/4/purposes/2",
                23,
                43,
                &*format!(
                    "`fields[4].purposes[2]`: value `foo` is not allowed, expected one of: {allowed}"
                )
            ),
        ]
    );
}

#[test]
fn a_value_outside_an_enumeration_is_shown_as_it_must_be_written() {
    // `"4"` is a string that is not allowed; the unquoted number 4 and the string "4.0" are.
    let dir = inventory(&[("a.yaml", &VALID.replace("model: \"4.0\"", "model: \"4\""))]);
    let (code, report) = json(&[&dir.path().display().to_string()]);
    assert_eq!(code, 1);
    let found = of_code(&report, "DECL-002");
    assert_eq!(found.len(), 1, "{report}");
    assert_eq!(
        found[0]["message"],
        "`processing_agreement.model`: value `\"4\"` is not allowed, expected one of: \"1.0\", \"2.0\", \"3.0\", \"4.0\", general-4.0, custom, 1, 2, 3, 4"
    );
}
