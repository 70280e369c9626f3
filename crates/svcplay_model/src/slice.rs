//! Sorting that stays small in WebAssembly.
//!
//! `std`'s sorts are generic: every element type and comparator sorted somewhere gets its own
//! copy of the whole algorithm (driftsort is several kilobytes of wasm each time). The page
//! downloads that code, the CLI does not care. So on `wasm32` these functions sort a list of
//! indices with one non-generic merge sort that calls the comparator through `dyn`, then move
//! the elements into place by following the permutation's cycles; the only generic code left
//! per type is a few lines. Native builds use `std`'s sorts, which are faster.
//!
//! Both variants are stable, so results are identical on every target. Collecting into a
//! `BTreeSet`/`BTreeMap` sorts too; [`collect_set`] and [`collect_map`] insert instead.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `v` stably with `cmp` (as `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if cfg!(target_arch = "wasm32") {
        compact_sort_by(v, &mut cmp);
    } else {
        v.sort_by(cmp);
    }
}

/// Sorts `v` stably by the key `f` gives (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut f: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)));
}

/// Sorts `v` stably in ascending order (as `slice::sort`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Collects `items` into a `BTreeSet` (as `collect` does). `collect` sorts a buffer with
/// `std`'s sort, one more copy of it per call site; on `wasm32` the items are inserted one by
/// one instead. Equal items keep the first one, where `collect` keeps the last: use it for
/// items whose equal values are indistinguishable (strings, addresses).
pub fn collect_set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    #[cfg(target_arch = "wasm32")]
    {
        insert_all_set(items)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        items.into_iter().collect()
    }
}

/// Collects `items` into a `BTreeMap` (as `collect` does: a repeated key keeps its last
/// value), inserting one by one on `wasm32` (see [`collect_set`]). Keys should be
/// indistinguishable when equal (the first key is kept, `collect` keeps the last).
pub fn collect_map<K: Ord, V>(items: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    #[cfg(target_arch = "wasm32")]
    {
        insert_all_map(items)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        items.into_iter().collect()
    }
}

/// The `wasm32` path of [`collect_set`].
#[cfg_attr(not(any(test, target_arch = "wasm32")), allow(dead_code))]
fn insert_all_set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for x in items {
        set.insert(x);
    }
    set
}

/// The `wasm32` path of [`collect_map`].
#[cfg_attr(not(any(test, target_arch = "wasm32")), allow(dead_code))]
fn insert_all_map<K: Ord, V>(items: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in items {
        map.insert(k, v);
    }
    map
}

/// The `wasm32` path of [`sort_by`], public within the crate so native tests exercise it.
pub(crate) fn compact_sort_by<T>(v: &mut [T], cmp: &mut dyn FnMut(&T, &T) -> Ordering) {
    let n = v.len();
    if n < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..n).collect();
    {
        let v: &[T] = v;
        merge_sort(&mut order, &mut |a, b| cmp(&v[a], &v[b]));
    }
    permute(v, &mut order);
}

/// Stable merge sort of indices; `cmp` compares the elements the indices stand for.
fn merge_sort(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    let n = order.len();
    let mut buf = vec![0usize; n];
    let mut width = 1;
    // Bottom-up: merge runs of `width` from `order` into `buf`, then swap roles.
    let (mut src, mut dst): (&mut [usize], &mut [usize]) = (order, &mut buf);
    let mut in_buf = false;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j, mut k) = (start, mid, start);
            while i < mid && j < end {
                // Take from the right run only when strictly smaller: that keeps it stable.
                if cmp(src[j], src[i]) == Ordering::Less {
                    dst[k] = src[j];
                    j += 1;
                } else {
                    dst[k] = src[i];
                    i += 1;
                }
                k += 1;
            }
            dst[k..k + (mid - i)].copy_from_slice(&src[i..mid]);
            k += mid - i;
            dst[k..k + (end - j)].copy_from_slice(&src[j..end]);
            start = end;
        }
        std::mem::swap(&mut src, &mut dst);
        in_buf = !in_buf;
        width *= 2;
    }
    if in_buf {
        // The sorted run ended in `buf` (now `src`); copy it back.
        dst.copy_from_slice(src);
    }
}

/// Rearranges `v` so that position `i` holds the element that was at `order[i]`; `order` is
/// used up (overwritten).
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        let mut here = start;
        while order[here] != DONE {
            let from = order[here];
            order[here] = DONE;
            if from == start {
                break;
            }
            v.swap(here, from);
            here = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic pseudo-random numbers (xorshift), for test inputs.
    fn numbers(seed: u64, n: usize, modulo: u64) -> Vec<u64> {
        let mut x = seed | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x % modulo
            })
            .collect()
    }

    #[test]
    fn insert_all_matches_collect() {
        for n in [0, 1, 2, 7, 100, 1000] {
            let xs = numbers(n as u64 + 7, n, 40);
            assert_eq!(
                insert_all_set(xs.iter().copied()),
                xs.iter().copied().collect::<BTreeSet<_>>()
            );
            // Repeated keys keep their last value, as `collect` does.
            let pairs: Vec<(u64, usize)> = xs.iter().copied().zip(0..).collect();
            assert_eq!(
                insert_all_map(pairs.iter().copied()),
                pairs.iter().copied().collect::<BTreeMap<_, _>>()
            );
        }
    }

    #[test]
    fn compact_sort_matches_std_stable_sort() {
        for n in [0, 1, 2, 3, 5, 8, 9, 16, 17, 100, 1000, 1025] {
            for modulo in [1, 3, 50, u64::MAX] {
                // (key, original position): equal keys must keep their order.
                let input: Vec<(u64, usize)> = numbers((n as u64).wrapping_add(modulo), n, modulo)
                    .into_iter()
                    .enumerate()
                    .map(|(i, k)| (k, i))
                    .collect();
                let mut expected = input.clone();
                expected.sort_by_key(|e| e.0);
                let mut got = input.clone();
                compact_sort_by(&mut got, &mut |a, b| a.0.cmp(&b.0));
                assert_eq!(got, expected, "n={n} modulo={modulo}");
            }
        }
    }

    #[test]
    fn compact_sort_moves_owned_values() {
        let mut v: Vec<String> = ["pear", "apple", "fig", "apple"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        compact_sort_by(&mut v, &mut |a, b| a.cmp(b));
        assert_eq!(v, ["apple", "apple", "fig", "pear"]);
    }

    #[test]
    fn public_sorts_agree_with_std() {
        let mut a = numbers(7, 200, 20);
        let mut b = a.clone();
        sort(&mut a);
        b.sort();
        assert_eq!(a, b);
        sort_by_key(&mut a, |x| std::cmp::Reverse(*x));
        b.sort_by_key(|x| std::cmp::Reverse(*x));
        assert_eq!(a, b);
    }
}
