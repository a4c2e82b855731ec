//! `ashlar endpoints`: the registry, printed.

use crate::registry::ENDPOINTS;
use clap::Args;

#[derive(Args)]
pub struct EndpointsArgs {
    /// Print the README's Markdown permission table instead.
    #[arg(long)]
    markdown: bool,
}

pub fn run(args: EndpointsArgs) -> anyhow::Result<()> {
    if args.markdown {
        print!("{}", markdown_table());
        return Ok(());
    }
    println!(
        "{:<40} {:<16} {:<6} {:<28} implemented",
        "endpoint", "module", "access", "permission"
    );
    for e in ENDPOINTS {
        println!(
            "{:<40} {:<16} {:<6} {:<28} {}",
            e.name,
            e.module.label(),
            e.access.id(),
            e.permission(),
            if e.is_implemented() { "yes" } else { "no" }
        );
    }
    let done = ENDPOINTS.iter().filter(|e| e.is_implemented()).count();
    println!("\n{done} of {} endpoints implemented", ENDPOINTS.len());
    Ok(())
}

/// The permission table in the README; a test keeps the README equal to it.
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| Endpoint | Module | Access | Permission | Implemented |\n|---|---|---|---|---|\n",
    );
    for e in ENDPOINTS {
        out.push_str(&format!(
            "| `{}` | {} | {} | `{}` | {} |\n",
            e.name,
            e.module.label(),
            e.access.id(),
            e.permission(),
            if e.is_implemented() { "yes" } else { "no" }
        ));
    }
    out
}
