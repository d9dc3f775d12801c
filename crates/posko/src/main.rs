//! The `posko` binary: everything is in the library (`cli.rs`) so the
//! benches and tests reach the same code.

fn main() -> std::process::ExitCode {
    posko::cli::main()
}
