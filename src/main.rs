fn main() -> std::process::ExitCode {
    ashlar::cli::main()
}
