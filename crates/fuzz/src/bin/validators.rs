//! AFL target: every validator (the first byte picks one, the rest is the input).
fn main() {
    afl::fuzz!(|data: &[u8]| canon_desk_fuzz::check_validator(data));
}
