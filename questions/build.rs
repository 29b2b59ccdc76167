//! Embeds the shipped bank (`bank/*.toml`) so `hoithi demo` can load it from anywhere.

use std::{env, fs, path::PathBuf};

fn main() {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("bank");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from(
        "/// The shipped bank files: (file name, contents).\npub const SHIPPED: &[(&str, &str)] = &[\n",
    );
    for name in names {
        println!("cargo:rerun-if-changed={}", dir.join(&name).display());
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            dir.join(&name).display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap_or_default()).join("shipped.rs");
    if let Err(e) = fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
