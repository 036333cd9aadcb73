//! The attacks of a pull request on the CI gate (issue "untrusted pull requests", SECURITY.md):
//! each test builds what the pull request would commit (a fake git directory, symbolic links,
//! board policies and catalogues, a configuration) in a temporary repository and checks that
//! the attack fails: no command runs, nothing outside the report is written, no secret is
//! printed, no built-in rule is switched off, and the run stays bounded.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;

use common::{
    TODAY, board_catalogue, board_policy, declaration, git, ibp_in, outcome, write_files,
};

/// A temporary git work tree with `inventory/a.yaml` (one AGR-001 error) committed.
fn work_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let bad = declaration("a").replace("status: signed", "status: pending");
    write_files(dir.path(), &[("inventory/a.yaml", &bad)]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    dir
}

fn check(dir: &Path, args: &[&str]) -> common::Outcome {
    let mut cmd = ibp_in(dir);
    cmd.args(["check", "--today", TODAY]).args(args);
    outcome(cmd)
}

// ---- 1. --changed-since and a fake git directory

#[test]
fn a_fake_git_directory_in_the_inventory_runs_no_command_and_hides_nothing() {
    let dir = work_tree();
    let root = dir.path();
    let marker = root.join("PWNED");
    // The pull request changes a.yaml (a second error) and commits, as the inventory folder, a
    // bare repository whose HEAD holds exactly its own files, with a command as fsmonitor.
    let worse = std::fs::read_to_string(root.join("inventory/a.yaml"))
        .unwrap()
        .replace(
            "breach_notification_hours: 24",
            "breach_notification_hours: 96",
        );
    std::fs::write(root.join("inventory/a.yaml"), worse).unwrap();
    let fake = root.join("fake.git");
    git(root, &["init", "-q", "--bare", fake.to_str().unwrap()]);
    let fake_git = |args: &[&str]| {
        let mut all = vec![
            "--git-dir",
            fake.to_str().unwrap(),
            "--work-tree",
            "inventory",
        ];
        all.extend_from_slice(args);
        git(root, &all);
    };
    fake_git(&["add", "a.yaml"]);
    fake_git(&["commit", "-q", "-m", "crafted"]);
    for entry in std::fs::read_dir(&fake).unwrap() {
        let entry = entry.unwrap();
        std::fs::rename(entry.path(), root.join("inventory").join(entry.file_name())).unwrap();
    }
    let mut config = std::fs::OpenOptions::new()
        .append(true)
        .open(root.join("inventory/config"))
        .unwrap();
    use std::io::Write;
    writeln!(
        config,
        "[core]\n\tbare = false\n\tworktree = .\n\tfsmonitor = \"touch {}; false\"",
        marker.display()
    )
    .unwrap();
    drop(config);

    // The trap is real: git asked from inside the folder takes it for the repository and runs
    // the command (unless this machine's git refuses implicit bare repositories).
    let probe = std::process::Command::new("git")
        .current_dir(root.join("inventory"))
        .args(["status", "--porcelain"])
        .output()
        .unwrap();
    if !marker.exists() {
        eprintln!(
            "note: this machine's git did not fall for the fake repository itself: {}",
            String::from_utf8_lossy(&probe.stderr)
        );
    }
    let _ = std::fs::remove_file(&marker);

    let run = check(
        root,
        &["--format", "json", "--changed-since", "HEAD", "inventory"],
    );
    assert!(
        !marker.exists(),
        "the fsmonitor command of the fake repository ran"
    );
    assert_eq!(
        run.code, 1,
        "the changed declaration is checked: {}",
        run.stderr
    );
    assert!(run.stdout.contains("BRE-001"), "{}", run.stdout);
    // From inside the inventory folder too.
    let run = check(
        &root.join("inventory"),
        &["--format", "json", "--changed-since", "HEAD", "."],
    );
    assert!(
        !marker.exists(),
        "the fsmonitor command of the fake repository ran"
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[test]
fn changed_since_refuses_a_revision_that_looks_like_an_option() {
    let dir = work_tree();
    let target = dir.path().join("written-by-git");
    let run = check(
        dir.path(),
        &[
            &format!("--changed-since=--output={}", target.display()),
            "inventory",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("is not a git revision"),
        "{}",
        run.stderr
    );
    assert!(!target.exists());
}

#[test]
fn changed_since_works_in_a_repository_whose_path_ends_in_a_space() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("inventaris ");
    std::fs::create_dir(&root).unwrap();
    let bad = declaration("a").replace("status: signed", "status: pending");
    write_files(&root, &[("inventory/a.yaml", &declaration("a"))]);
    git(&root, &["init", "-q"]);
    git(&root, &["add", "."]);
    git(&root, &["commit", "-q", "-m", "base"]);
    std::fs::write(root.join("inventory/a.yaml"), bad).unwrap();
    let run = check(
        &root,
        &["--format", "json", "--changed-since", "HEAD", "inventory"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("AGR-001"), "{}", run.stdout);
}

// ---- 2. Writing outside the checkout

#[test]
fn an_output_link_to_a_file_outside_is_refused_and_the_file_kept() {
    let dir = work_tree();
    let victim = tempfile::tempdir().unwrap();
    let deploy = victim.path().join("deploy.sh");
    std::fs::write(&deploy, "#!/bin/sh\necho deploy\n").unwrap();
    symlink(&deploy, dir.path().join("lint.txt")).unwrap();
    symlink(
        victim.path().join("new.sh"),
        dir.path().join("dangling.txt"),
    )
    .unwrap();
    for output in ["lint.txt", "dangling.txt"] {
        let run = check(dir.path(), &["--output", output, "inventory"]);
        assert_eq!(run.code, 2, "{output}: {}", run.stderr);
        assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(&deploy).unwrap(),
        "#!/bin/sh\necho deploy\n"
    );
    assert!(!victim.path().join("new.sh").exists());
    // A link in a folder of the output path is refused as well.
    symlink(victim.path(), dir.path().join("reports")).unwrap();
    let run = check(dir.path(), &["--output", "reports/lint.txt", "inventory"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!victim.path().join("lint.txt").exists());
}

#[test]
fn an_output_or_baseline_naming_a_checked_declaration_is_refused() {
    let dir = work_tree();
    let declaration = dir.path().join("inventory/a.yaml");
    let before = std::fs::read_to_string(&declaration).unwrap();
    for flags in [
        &["--output", "inventory/a.yaml"][..],
        &["--write-baseline", "inventory/a.yaml"][..],
        &["--output", "./inventory/../inventory/a.yaml"][..],
    ] {
        let mut args = flags.to_vec();
        args.push("inventory");
        let run = check(dir.path(), &args);
        assert_eq!(run.code, 2, "{flags:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("one of the files this run reads"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(std::fs::read_to_string(&declaration).unwrap(), before);
    // A hard link under another name is the same file.
    std::fs::hard_link(&declaration, dir.path().join("report.txt")).unwrap();
    let run = check(dir.path(), &["--output", "report.txt", "inventory"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&declaration).unwrap(), before);
}

#[test]
fn no_temporary_file_is_left_and_a_report_is_written_whole() {
    let dir = work_tree();
    for _ in 0..2 {
        let run = check(
            dir.path(),
            &["--format", "json", "--output", "report.json", "inventory"],
        );
        assert_eq!(run.code, 1, "{}", run.stderr);
    }
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.ends_with(".tmp")),
        "temporary files left: {names:?}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    assert_eq!(report["summary"]["errors"], 1);
}

// ---- 3. Secrets in the CI log

#[test]
fn a_policy_linked_to_the_environment_does_not_print_it() {
    let dir = work_tree();
    std::fs::create_dir(dir.path().join("board")).unwrap();
    symlink("/proc/self/environ", dir.path().join("board/env.rego")).unwrap();
    std::fs::write(
        dir.path().join("ibp-lint.yaml"),
        "apiVersion: ibp-lint/v1\nkind: Config\npolicies: [board/]\n",
    )
    .unwrap();
    let mut cmd = ibp_in(dir.path());
    cmd.env("IBP_TEST_SECRET", "ghp_s3cr3tT0k3n")
        .args(["check", "--today", TODAY, "inventory"]);
    let run = outcome(cmd);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stderr.contains("ghp_s3cr3tT0k3n"), "{}", run.stderr);
    assert!(!run.stdout.contains("ghp_s3cr3tT0k3n"));
    assert!(
        run.stderr.contains("board/env.rego") && run.stderr.contains("outside the repository"),
        "{}",
        run.stderr
    );
    // Named on the command line, the same.
    let mut cmd = ibp_in(dir.path());
    cmd.env("IBP_TEST_SECRET", "ghp_s3cr3tT0k3n").args([
        "check",
        "--config",
        "/dev/null",
        "--policy",
        "board/env.rego",
        "inventory",
    ]);
    let run = outcome(cmd);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stderr.contains("ghp_s3cr3tT0k3n"), "{}", run.stderr);
}

#[test]
fn a_configuration_linked_to_credentials_is_not_echoed() {
    let dir = work_tree();
    let home = tempfile::tempdir().unwrap();
    let credentials = home.path().join(".git-credentials");
    std::fs::write(&credentials, "https://ci:ghp_s3cr3tT0k3n@github.com\n").unwrap();
    symlink(&credentials, dir.path().join("ibp-lint.yaml")).unwrap();
    for args in [
        &["inventory"][..],
        &["--config", "ibp-lint.yaml", "inventory"][..],
    ] {
        let run = check(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("ghp_s3cr3tT0k3n"), "{}", run.stderr);
        assert!(
            run.stderr.contains("outside the repository"),
            "{}",
            run.stderr
        );
    }
    // A declaration named on the command line that links out is not shown either.
    std::fs::remove_file(dir.path().join("ibp-lint.yaml")).unwrap();
    symlink(&credentials, dir.path().join("inventory/b.yaml")).unwrap();
    let run = check(dir.path(), &["inventory/b.yaml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stdout.contains("ghp_s3cr3tT0k3n"), "{}", run.stdout);
    assert!(
        run.stdout.contains("outside the repository"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_named_pipe_as_a_policy_is_refused_not_waited_on() {
    let dir = work_tree();
    std::fs::create_dir(dir.path().join("board")).unwrap();
    std::fs::write(
        dir.path().join("board/board.rego"),
        board_policy("input.resource.id == \"never\""),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("board/catalogue.yaml"),
        board_catalogue("\"fix it\""),
    )
    .unwrap();
    let fifo = dir.path().join("board/pipe.rego");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let started = std::time::Instant::now();
    let run = check(dir.path(), &["--policy", "board", "inventory"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

#[test]
fn oversized_board_files_are_refused() {
    let dir = work_tree();
    let big = format!(
        "apiVersion: ibp-lint/v1\nkind: Config\norganisation: \"{}\"\n",
        "x".repeat(2 << 20)
    );
    std::fs::write(dir.path().join("ibp-lint.yaml"), big).unwrap();
    let run = check(dir.path(), &["inventory"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("more than the limit of 1024 KiB"),
        "{}",
        run.stderr
    );
}

// ---- 4. Switching built-in rules off with board Rego

#[test]
fn a_board_module_in_a_built_in_package_is_refused() {
    let dir = work_tree();
    for (package, rules) in [
        (
            "ibp.lib",
            "covered(_) if true\n\nhas_certification if true\n",
        ),
        ("ibp.rules.agreement", "findings := set()\n"),
        ("ibp.main", "findings := set()\n"),
        ("ibp.testing", "settings := {}\n"),
    ] {
        write_files(
            dir.path(),
            &[
                (
                    "board/board.rego",
                    &board_policy("input.resource.id == \"never\""),
                ),
                ("board/evil.rego", &format!("package {package}\n\n{rules}")),
                ("board/catalogue.yaml", &board_catalogue("\"fix it\"")),
            ],
        );
        let run = check(dir.path(), &["--policy", "board", "inventory"]);
        assert_eq!(run.code, 2, "{package}: {}", run.stderr);
        assert!(
            run.stderr.contains("board/evil.rego")
                && run.stderr.contains(&format!("package `{package}`")),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn board_policies_may_not_read_the_clock_or_chance() {
    let dir = work_tree();
    for body in [
        "time.now_ns() > 0",
        "rand.intn(\"x\", 10) == 3",
        "count(numbers.range(1, 1e15)) > 0",
    ] {
        write_files(
            dir.path(),
            &[
                ("board/board.rego", &board_policy(body)),
                ("board/catalogue.yaml", &board_catalogue("\"fix it\"")),
            ],
        );
        let run = check(dir.path(), &["--policy", "board", "inventory"]);
        assert_eq!(run.code, 2, "{body}: {}", run.stderr);
        assert!(
            run.stderr.contains("board/board.rego:4 calls"),
            "{body}: {}",
            run.stderr
        );
    }
}

// ---- 5. Silent passes through the configuration

#[test]
fn not_evaluated_findings_cannot_be_switched_off_lowered_or_waived() {
    let dir = work_tree();
    for config in [
        "rules:\n  POL-001: off\n",
        "rules:\n  DECL-001: info\n",
        "rules:\n  DECL-002: warning\n",
        "waivers:\n  - rule: POL-001\n    resource: \"*\"\n    reason: x\n    approved_by: y\n",
        "waivers:\n  - rule: DECL-004\n    resource: \"*\"\n    reason: x\n    approved_by: y\n",
    ] {
        std::fs::write(
            dir.path().join("ibp-lint.yaml"),
            format!("apiVersion: ibp-lint/v1\nkind: Config\n{config}"),
        )
        .unwrap();
        let run = check(dir.path(), &["inventory"]);
        assert_eq!(run.code, 2, "{config}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("it means a declaration was not evaluated"),
            "{}",
            run.stderr
        );
    }
    std::fs::remove_file(dir.path().join("ibp-lint.yaml")).unwrap();
    let run = check(dir.path(), &["--severity", "POL-001=off", "inventory"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    // A file that is not YAML is reported whatever the selection.
    std::fs::write(dir.path().join("inventory/broken.yaml"), "a: [\n").unwrap();
    let run = check(
        dir.path(),
        &["--format", "json", "--select", "AGR", "inventory"],
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("DECL-001"), "{}", run.stdout);
}

#[test]
fn a_runaway_policy_with_pol_001_cannot_pass() {
    let dir = work_tree();
    write_files(
        dir.path(),
        &[
            (
                "board/board.rego",
                "package ibp.rules.board\n\na := \"aaaaaaaaaaaaaaaa\"\n\nb := concat(\"\", [a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a])\n\nxs := split(concat(\"\", [b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b]), \"\")\n\nfindings contains f if {\n\tinput.resource.id == \"a\"\n\tcount([[x, y] | some x in xs; some y in xs]) > 0\n\tf := {\"code\": \"BOARD-001\", \"path\": \"/id\", \"args\": {}}\n}\n",
            ),
            ("board/catalogue.yaml", &board_catalogue("\"fix it\"")),
        ],
    );
    let run = check(
        dir.path(),
        &[
            "--format",
            "json",
            "--fail-on",
            "error",
            "--policy",
            "board",
            "inventory",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("POL-001"), "{}", run.stdout);
}

#[test]
fn a_policy_folder_holding_declarations_is_refused_unless_the_board_opts_in() {
    let dir = work_tree();
    write_files(
        dir.path(),
        &[
            (
                "inventory/hidden/new.yaml",
                &declaration("new").replace("status: signed", "status: none"),
            ),
            (
                "inventory/hidden/board.rego",
                &board_policy("input.resource.id == \"never\""),
            ),
            (
                "inventory/hidden/catalogue.yaml",
                &board_catalogue("\"fix it\""),
            ),
            (
                "ibp-lint.yaml",
                "apiVersion: ibp-lint/v1\nkind: Config\npolicies: [inventory/hidden/]\n",
            ),
        ],
    );
    let run = check(dir.path(), &["inventory"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("inventory/hidden/new.yaml")
            && run.stderr.contains("policies_may_hold_yaml"),
        "{}",
        run.stderr
    );
    std::fs::write(
        dir.path().join("ibp-lint.yaml"),
        "apiVersion: ibp-lint/v1\nkind: Config\npolicies: [inventory/hidden/]\npolicies_may_hold_yaml: true\n",
    )
    .unwrap();
    let run = check(dir.path(), &["inventory"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("not checked") && run.stderr.contains("inventory/hidden/new.yaml"),
        "the run says which files it left out: {}",
        run.stderr
    );
}

#[test]
fn a_configuration_above_the_work_tree_is_not_used() {
    let outer = tempfile::tempdir().unwrap();
    // Above the repository: a configuration that would switch the finding off.
    std::fs::write(
        outer.path().join("ibp-lint.yaml"),
        "apiVersion: ibp-lint/v1\nkind: Config\nrules:\n  AGR-001: off\n",
    )
    .unwrap();
    let root = outer.path().join("repo");
    let bad = declaration("a").replace("status: signed", "status: pending");
    write_files(&root, &[("inventory/a.yaml", &bad)]);
    git(&root, &["init", "-q"]);
    let run = check(&root, &["--format", "json", "inventory"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("AGR-001"));
    // A configuration named by a path policies outside the repository is refused.
    std::fs::create_dir(outer.path().join("elsewhere")).unwrap();
    std::fs::write(
        outer.path().join("elsewhere/board.rego"),
        board_policy("input.resource.id == \"never\""),
    )
    .unwrap();
    std::fs::write(
        root.join("ibp-lint.yaml"),
        "apiVersion: ibp-lint/v1\nkind: Config\npolicies: [../elsewhere/]\n",
    )
    .unwrap();
    let run = check(&root, &["inventory"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("outside the repository"),
        "{}",
        run.stderr
    );
}

// ---- 6. Resource limits

#[test]
fn a_rule_that_ignores_the_input_fails_before_any_file() {
    let dir = work_tree();
    write_files(
        dir.path(),
        &[
            (
                "board/board.rego",
                "package ibp.rules.board\n\na := \"aaaaaaaaaaaaaaaa\"\n\nb := concat(\"\", [a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a])\n\nxs := split(concat(\"\", [b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b]), \"\")\n\nfindings contains f if {\n\tcount([[x, y] | some x in xs; some y in xs]) > 0\n\tf := {\"code\": \"BOARD-001\", \"path\": \"/id\", \"args\": {}}\n}\n",
            ),
            ("board/catalogue.yaml", &board_catalogue("\"fix it\"")),
        ],
    );
    let started = std::time::Instant::now();
    let run = check(dir.path(), &["--policy", "board", "inventory"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("policy does not compile"),
        "{}",
        run.stderr
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn a_policy_that_builds_a_huge_value_fails_closed_without_aborting() {
    let dir = work_tree();
    let mut rules = String::from("package ibp.rules.board\n\ns0 := \"xxxxxxxxxxxxxxxx\"\n");
    for i in 1..45 {
        rules.push_str(&format!(
            "\ns{i} := concat(\"\", [s{}, s{}])\n",
            i - 1,
            i - 1
        ));
    }
    rules.push_str("\nfindings contains f if {\n\tcount(s44) > 0\n\tf := {\"code\": \"BOARD-001\", \"path\": \"/id\", \"args\": {}}\n}\n");
    write_files(
        dir.path(),
        &[
            ("board/board.rego", &rules),
            ("board/catalogue.yaml", &board_catalogue("\"fix it\"")),
        ],
    );
    let run = check(dir.path(), &["--policy", "board", "inventory"]);
    assert_eq!(run.code, 2, "not an abort (134): {}", run.stderr);
    assert!(run.stderr.contains("memory budget"), "{}", run.stderr);
}

#[test]
fn an_alias_bomb_in_a_board_catalogue_is_refused() {
    let dir = work_tree();
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    bomb.push_str("version: 1\nrules: []\n");
    write_files(
        dir.path(),
        &[
            (
                "board/board.rego",
                &board_policy("input.resource.id == \"never\""),
            ),
            ("board/catalogue.yaml", &bomb),
        ],
    );
    let started = std::time::Instant::now();
    let run = check(dir.path(), &["--policy", "board", "inventory"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("alias"), "{}", run.stderr);
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

#[test]
fn the_findings_of_one_file_are_bounded() {
    let dir = work_tree();
    // 2,500 distinct findings: an index over a 2,500-character string.
    let rules = "package ibp.rules.board\n\nletters := concat(\"\", [\"abcdefghijklmnopqrstuvwxy\" | some _ in split(\"0123456789\", \"\")])\n\nchars := split(concat(\"\", [letters | some _ in split(\"0123456789\", \"\")]), \"\")\n\nfindings contains f if {\n\tsome i, _ in chars\n\tf := {\"code\": \"BOARD-001\", \"path\": sprintf(\"/x/%d\", [i]), \"args\": {}}\n}\n";
    write_files(
        dir.path(),
        &[
            ("board/board.rego", rules),
            ("board/catalogue.yaml", &board_catalogue("\"fix it\"")),
        ],
    );
    let run = check(
        dir.path(),
        &["--format", "json", "--policy", "board", "inventory"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let board = findings.iter().filter(|f| f["code"] == "BOARD-001").count();
    assert_eq!(board, 1000, "capped at 1,000 per file");
    let pol: Vec<_> = findings.iter().filter(|f| f["code"] == "POL-001").collect();
    assert_eq!(pol.len(), 1);
    assert!(
        pol[0]["message"]
            .as_str()
            .unwrap()
            .contains("findings for this declaration, more than the limit of 1000"),
        "{}",
        pol[0]["message"]
    );
}

// ---- 7. Output injection

#[test]
fn a_board_catalogue_with_control_characters_or_overrides_is_refused() {
    let dir = work_tree();
    for help in [
        "\"\\e[2J cleared\"",
        "\"fix it\\n::add-mask::x\"",
        "\"\u{202e}txet desrever\"",
    ] {
        write_files(
            dir.path(),
            &[
                (
                    "board/board.rego",
                    &board_policy("input.resource.id == \"a\""),
                ),
                ("board/catalogue.yaml", &board_catalogue(help)),
            ],
        );
        let run = check(dir.path(), &["--policy", "board", "inventory"]);
        assert_eq!(run.code, 2, "{help}: {}", run.stderr);
        assert!(run.stderr.contains("may not contain"), "{}", run.stderr);
        assert!(!run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{202e}'));
    }
}

#[test]
fn values_and_file_names_cannot_inject_into_the_terminal_or_the_ci_log() {
    let dir = work_tree();
    // An escape sequence and an override in a field name (YAML's `\e` escape), a line break
    // with a workflow command, and a file name that starts a workflow command.
    let hostile = declaration("b").replace(
        "  - eck_id\n",
        "  - eck_id\n  - \"\\e[2Jgone\"\n  - \"x\\n::add-mask::secret\"\n  - \"\u{202e}reversed\"\n",
    );
    std::fs::write(dir.path().join("inventory/::warning::x.yaml"), &hostile).unwrap();
    for format in [
        "human", "concise", "github", "json", "sarif", "junit", "gitlab",
    ] {
        let run = check(dir.path(), &["--format", format, "inventory"]);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        for (name, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            assert!(!text.contains('\u{1b}'), "{format} {name} holds ESC");
            assert!(!text.contains('\u{202e}'), "{format} {name} holds U+202E");
            for line in text.lines() {
                let start = line.trim_start();
                let command = start.starts_with("::") || start.starts_with("##[");
                let ours = format == "github"
                    && ["::error ", "::warning ", "::notice "]
                        .iter()
                        .any(|c| start.starts_with(c));
                assert!(
                    !command || ours,
                    "{format} {name}: a workflow command line: {line}"
                );
            }
        }
    }
}

// ---- 8. Globs, baselines

#[test]
fn a_deeply_nested_waiver_glob_is_a_configuration_error_not_a_panic() {
    let dir = work_tree();
    let glob = format!("{}a{}", "{".repeat(400), "}".repeat(400));
    std::fs::write(
        dir.path().join("ibp-lint.yaml"),
        format!(
            "apiVersion: ibp-lint/v1\nkind: Config\nwaivers:\n  - rule: AGR-001\n    resource: \"{glob}\"\n    reason: x\n    approved_by: y\n"
        ),
    )
    .unwrap();
    let run = check(dir.path(), &["inventory"]);
    assert_eq!(run.code, 2, "not a panic (101): {}", run.stderr);
    assert!(
        run.stderr.contains("the resource glob is refused"),
        "{}",
        run.stderr
    );
    std::fs::write(
        dir.path().join("ibp-lint.yaml"),
        "apiVersion: ibp-lint/v1\nkind: Config\nwaivers:\n  - rule: AGR-001\n    resource: \"{{{{{a,b}}}}}\"\n    reason: x\n    approved_by: y\n",
    )
    .unwrap();
    let run = check(dir.path(), &["inventory"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("nests `{...}` 5 levels deep"),
        "{}",
        run.stderr
    );
}

// ---- 6. the whole run is bounded

/// `--max-run-seconds` is checked before each file: a run past it stops with exit 2 (never a
/// pass), and says what to do. With 0 seconds the deadline has passed before the first file.
#[test]
fn a_run_past_its_time_limit_stops_with_exit_2_not_a_pass() {
    let dir = work_tree();
    let run = check(
        dir.path(),
        &["--max-run-seconds", "0", "--format", "json", "inventory"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "no report: {}", run.stdout);
    assert!(
        run.stderr.contains(
            "the run took longer than --max-run-seconds 0: stopped before every file was checked"
        ),
        "{}",
        run.stderr
    );
    // The default leaves an ordinary run alone.
    let run = check(dir.path(), &["--format", "json", "inventory"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
}
