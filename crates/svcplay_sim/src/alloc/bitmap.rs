//! The allocation map behind every allocator (`pkg/registry/core/service/allocator/bitmap.go`).
//!
//! Upstream keeps a `big.Int` bitmap; we keep the set of taken offsets, which behaves the same and
//! also fits IPv6 ranges far too large for a bitmap. The search strategy is upstream's
//! `randomScanStrategyWithOffset`: pick a random start in the upper band `[offset, max)`, scan
//! forward (wrapping inside the band) for a free item; only if the upper band is full, do the same
//! in the lower band `[0, offset)`.

use std::collections::BTreeSet;

use crate::rng::Rng;

/// A uniform number in `0..n` (`n > 0`), also for ranges wider than 64 bits.
pub fn random_below(rng: &mut Rng, n: u128) -> u128 {
    debug_assert!(n > 0);
    if n <= u128::from(u64::MAX) {
        u128::from(rng.below(n as u64))
    } else {
        let hi = u128::from(rng.next_u64());
        let lo = u128::from(rng.next_u64());
        ((hi << 64) | lo) % n
    }
}

/// A contiguous block of `max` items, each taken or free, with a static band of `offset` items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationMap {
    max: u128,
    offset: u128,
    allocated: BTreeSet<u128>,
}

impl AllocationMap {
    /// `NewAllocationMapWithOffset(max, offset)`. An offset not below `max` is treated as 0.
    pub fn new(max: u128, offset: u128) -> Self {
        AllocationMap {
            max,
            offset: if offset < max { offset } else { 0 },
            allocated: BTreeSet::new(),
        }
    }

    /// Number of items.
    pub fn max(&self) -> u128 {
        self.max
    }

    /// Size of the static (lower) band.
    pub fn offset(&self) -> u128 {
        self.offset
    }

    /// Reserves item `i`; false if it is taken or outside the map.
    pub fn allocate(&mut self, i: u128) -> bool {
        i < self.max && self.allocated.insert(i)
    }

    /// Reserves a free item chosen by the random-scan-with-offset strategy; `None` when full.
    pub fn allocate_next(&mut self, rng: &mut Rng) -> Option<u128> {
        if self.count() >= self.max {
            return None;
        }
        let upper = self.max - self.offset;
        let start = self.offset + random_below(rng, upper);
        if let Some(i) = self.first_free_wrapping(self.offset, self.max, start) {
            self.allocated.insert(i);
            return Some(i);
        }
        if self.offset > 0 {
            let start = random_below(rng, self.offset);
            if let Some(i) = self.first_free_wrapping(0, self.offset, start) {
                self.allocated.insert(i);
                return Some(i);
            }
        }
        None
    }

    /// Frees item `i`; freeing a free or out-of-range item does nothing.
    pub fn release(&mut self, i: u128) {
        self.allocated.remove(&i);
    }

    /// Whether item `i` is taken.
    pub fn has(&self, i: u128) -> bool {
        self.allocated.contains(&i)
    }

    /// Number of taken items.
    pub fn count(&self) -> u128 {
        self.allocated.len() as u128
    }

    /// Number of free items.
    pub fn free(&self) -> u128 {
        self.max - self.count()
    }

    /// Taken items in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = u128> + '_ {
        self.allocated.iter().copied()
    }

    /// First free item in `[from, to)`.
    fn first_free(&self, from: u128, to: u128) -> Option<u128> {
        let mut candidate = from;
        for &taken in self.allocated.range(from..to) {
            if taken != candidate {
                break;
            }
            candidate += 1;
        }
        (candidate < to).then_some(candidate)
    }

    /// First free item at or after `start` in `[lo, hi)`, wrapping around to `lo`.
    fn first_free_wrapping(&self, lo: u128, hi: u128, start: u128) -> Option<u128> {
        self.first_free(start, hi)
            .or_else(|| self.first_free(lo, start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // allocator/bitmap_test.go TestAllocateMaxWithOffset-style: the upper band is used first and
    // the lower band only once the upper one is full; every item is handed out exactly once.
    #[test]
    fn upper_band_first_then_lower() {
        let mut rng = Rng::new(1);
        let mut m = AllocationMap::new(100, 16);
        for _ in 0..84 {
            let i = m.allocate_next(&mut rng).unwrap();
            assert!(i >= 16, "{i} taken from the lower band too early");
        }
        for _ in 0..16 {
            let i = m.allocate_next(&mut rng).unwrap();
            assert!(i < 16);
        }
        assert_eq!(m.free(), 0);
        assert_eq!(m.allocate_next(&mut rng), None);
        assert_eq!(m.iter().count(), 100);
    }

    // allocator/bitmap_test.go TestAllocate / TestRelease: static allocation, double
    // allocation refused, release makes it available again.
    #[test]
    fn allocate_release_has() {
        let mut m = AllocationMap::new(10, 0);
        assert!(m.allocate(3));
        assert!(!m.allocate(3));
        assert!(m.has(3));
        assert!(!m.allocate(10));
        m.release(3);
        m.release(7);
        assert!(!m.has(3));
        assert_eq!(m.free(), 10);
    }

    #[test]
    fn zero_offset_and_wrap() {
        let mut rng = Rng::new(9);
        let mut m = AllocationMap::new(3, 0);
        let mut got: Vec<u128> = (0..3).map(|_| m.allocate_next(&mut rng).unwrap()).collect();
        svcplay_model::slice::sort(&mut got);
        assert_eq!(got, vec![0, 1, 2]);
        assert_eq!(m.allocate_next(&mut rng), None);
        let mut empty = AllocationMap::new(0, 0);
        assert_eq!(empty.allocate_next(&mut rng), None);
    }

    #[test]
    fn huge_ranges_work() {
        let mut rng = Rng::new(3);
        let mut m = AllocationMap::new(u128::from(u64::MAX) * 4, 256);
        let i = m.allocate_next(&mut rng).unwrap();
        assert!(i >= 256);
        assert!(m.has(i));
    }
}
