fn main() -> std::process::ExitCode {
    posko::cli::main()
}
