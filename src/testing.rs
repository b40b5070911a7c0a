//! Helpers for the crate's own tests.

/// `count` strings, each a run of fewer than `max_pieces` of `pieces`, drawn by a
/// linear congruential generator from `seed`: the same strings on every run, with
/// no dependency, for tests that compare a fast path with a plain one.
pub(crate) fn concatenations<'p>(
    pieces: &'p [&'p str],
    mut seed: u64,
    count: usize,
    max_pieces: u64,
) -> impl Iterator<Item = String> + 'p {
    (0..count).map(move |_| {
        let mut text = String::new();
        for _ in 0..(seed % max_pieces) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        text
    })
}
