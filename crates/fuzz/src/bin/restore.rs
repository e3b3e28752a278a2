//! AFL target: the backup restore reader, on a real record.
fn main() {
    // A panic ends the run as a crash; the record is never used after one.
    let mut bench = std::panic::AssertUnwindSafe(canon_desk_fuzz::RestoreBench::new());
    afl::fuzz!(|data: &[u8]| {
        let bench = &mut bench;
        bench.check(data);
    });
}
