//! Spans that earlier stages have taken, so that later stages do not report them again.
//!
//! A year inside a date is not also a figure; a section marker `亮点一` is not a
//! count; a credit line's names are not people. The extractor collects the
//! spans of earlier results here and passes them to later stages, which skip
//! candidates that overlap them: rules between kinds are settled by what is
//! passed in, never by deleting results afterwards.

use std::ops::Range;

use crate::text::Text;

/// A set of claimed byte ranges of the normalized text.
#[derive(Debug, Default, Clone)]
pub(crate) struct Claims {
    /// Sorted by start; ranges may overlap.
    spans: Vec<Range<usize>>,
    /// The longest span, which bounds how far back an overlap search must look.
    longest: usize,
}

impl Claims {
    /// No claims.
    pub(crate) fn new() -> Self {
        Claims::default()
    }

    /// Claims the normalized `range`. Empty ranges claim nothing.
    pub(crate) fn claim(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.longest = self.longest.max(range.len());
        let at = self.spans.partition_point(|s| s.start <= range.start);
        self.spans.insert(at, range);
    }

    /// Claims the normalized span that produced the original byte `range`.
    pub(crate) fn claim_original(&mut self, text: &Text<'_>, range: Range<usize>) {
        self.claim(text.normalized_range(range));
    }

    /// Whether any claimed span shares a byte with `range`.
    pub(crate) fn overlaps(&self, range: &Range<usize>) -> bool {
        if range.is_empty() {
            return false;
        }
        // Candidates start before `range.end` and no earlier than `longest` before `range.start`.
        let end = self.spans.partition_point(|s| s.start < range.end);
        let from = range.start.saturating_sub(self.longest);
        let begin = self.spans[..end].partition_point(|s| s.start < from);
        self.spans[begin..end]
            .iter()
            .any(|s| s.start < range.end && range.start < s.end)
    }

    /// Whether the byte at `offset` is claimed.
    pub(crate) fn contains(&self, offset: usize) -> bool {
        self.overlaps(&(offset..offset + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_any_shared_byte() {
        let mut claims = Claims::new();
        claims.claim(10..20);
        claims.claim(2..4);
        assert!(claims.overlaps(&(19..25)));
        assert!(claims.overlaps(&(0..3)));
        assert!(!claims.overlaps(&(20..25)));
        assert!(!claims.overlaps(&(4..10)));
        assert!(claims.contains(10));
        assert!(!claims.contains(20));
    }

    #[test]
    fn long_claims_are_found_from_far_inside() {
        let mut claims = Claims::new();
        claims.claim(0..1000);
        claims.claim(500..501);
        assert!(claims.overlaps(&(900..901)));
    }

    #[test]
    fn empty_ranges_neither_claim_nor_overlap() {
        let mut claims = Claims::new();
        claims.claim(5..5);
        claims.claim(1..9);
        assert!(!claims.overlaps(&(3..3)));
        assert!(claims.overlaps(&(3..4)));
    }
}
