//! A small, fast, non-cryptographic hasher for internal hash maps (the multiply-rotate scheme
//! of Firefox's and rustc's "FxHash"), written here to avoid a dependency.
//!
//! The standard library's default SipHash resists hash flooding, which an in-process simulator
//! fed by its own user does not need, and costs several times more per short string key. Only
//! maps whose iteration order never reaches an output use it (as with the randomly seeded
//! default hasher, the order is unspecified).

use std::hash::{BuildHasherDefault, Hasher};

/// The multiplier of rustc-hash's `FxHasher` (odd, with well-spread bits).
const SEED: u64 = 0xf135_7aea_2e62_a9c5;

/// The hasher state: one word, mixed per written word.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            // The length keeps "a\0" and "a" apart within one word.
            self.add(u64::from_le_bytes(buf) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_u128(&mut self, i: u128) {
        self.add(i as u64);
        self.add((i >> 64) as u64);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // hashbrown takes the bucket from the low bits and a tag from the top 7: the multiply
        // leaves its best-mixed bits high, so bring some of them down.
        self.hash.rotate_left(26)
    }
}

/// Builds [`FxHasher`]s (no per-map seed).
pub type FxBuildHasher = BuildHasherDefault<FxHasher>;

/// A `HashMap` with [`FxHasher`]; create with `HashMap::default()`.
pub type HashMap<K, V> = std::collections::HashMap<K, V, FxBuildHasher>;

/// A `HashSet` with [`FxHasher`]; create with `HashSet::default()`.
pub type HashSet<K> = std::collections::HashSet<K, FxBuildHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn h<T: Hash>(t: T) -> u64 {
        FxBuildHasher::default().hash_one(t)
    }

    #[test]
    fn equal_keys_hash_equal_and_near_keys_differ() {
        assert_eq!(h("app-00001"), h(String::from("app-00001")));
        assert_eq!(h(("default", "web")), h((String::from("default"), "web")));
        let keys = ["a", "a\0", "", "app-00001", "app-00002", "app-00001-x"];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(h(a), h(b), "{a:?} vs {b:?}");
            }
        }
        // Pairs do not collide when a byte moves between the parts.
        assert_ne!(h(("ab", "c")), h(("a", "bc")));
    }

    #[test]
    fn maps_work_with_many_keys() {
        let mut m: HashMap<String, usize> = HashMap::default();
        for i in 0..10_000 {
            m.insert(format!("pod-{i}"), i);
        }
        assert_eq!(m.len(), 10_000);
        assert!((0..10_000).all(|i| m[&format!("pod-{i}")] == i));
        let s: HashSet<u128> = (0..1000u128).collect();
        assert!(s.contains(&999) && !s.contains(&1000));
    }
}
