//! Deterministic data parallelism for large inputs: work split into contiguous chunks, one per
//! core (at most [`MAX_THREADS`]), results put back in input order, so the outcome is exactly
//! that of a sequential loop. Native builds only; on WebAssembly (no threads) and for small
//! inputs everything runs on the calling thread.

/// Most threads one call uses.
pub const MAX_THREADS: usize = 4;

/// How many chunks `len` items make when each chunk should hold at least `min_per_thread`.
fn chunks(len: usize, min_per_thread: usize) -> usize {
    if cfg!(target_arch = "wasm32") {
        return 1;
    }
    let by_size = len / min_per_thread.max(1);
    if by_size < 2 {
        return 1;
    }
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    by_size.min(cores).min(MAX_THREADS)
}

/// Runs `f` on contiguous chunks of `items` (each at least `min_per_thread` long), in parallel
/// when that pays; `f` gets a chunk's offset in `items` and the chunk. Chunk results come back
/// in order. A chunk whose thread cannot be started runs on the calling thread.
pub fn map_chunks<T, R, F>(items: &[T], min_per_thread: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(usize, &[T]) -> R + Sync,
{
    let n = chunks(items.len(), min_per_thread);
    if n <= 1 {
        return vec![f(0, items)];
    }
    let size = items.len().div_ceil(n);
    std::thread::scope(|s| {
        let f = &f;
        let pending: Vec<_> = items
            .chunks(size)
            .enumerate()
            .skip(1)
            .map(|(i, c)| {
                let spawned = std::thread::Builder::new()
                    .spawn_scoped(s, move || f(i * size, c))
                    .ok();
                (i, c, spawned)
            })
            .collect();
        let mut out = Vec::with_capacity(n);
        out.push(f(0, &items[..size.min(items.len())]));
        for (i, c, h) in pending {
            out.push(match h {
                Some(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                None => f(i * size, c),
            });
        }
        out
    })
}

/// Like [`map_chunks`] over mutable chunks: `f` may edit its chunk in place.
pub fn for_each_chunk_mut<T, F>(items: &mut [T], min_per_thread: usize, f: F)
where
    T: Send,
    F: Fn(usize, &mut [T]) + Sync,
{
    let n = chunks(items.len(), min_per_thread);
    if n <= 1 {
        f(0, items);
        return;
    }
    let size = items.len().div_ceil(n);
    // Each chunk waits in a slot: a thread takes it, or, if the thread cannot start, the
    // calling thread does.
    let slots: Vec<std::sync::Mutex<Option<&mut [T]>>> = items
        .chunks_mut(size)
        .map(|c| std::sync::Mutex::new(Some(c)))
        .collect();
    let take = |i: usize| {
        slots[i]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    };
    std::thread::scope(|s| {
        let (f, take) = (&f, &take);
        let handles: Vec<_> = (1..slots.len())
            .map(|i| {
                std::thread::Builder::new()
                    .spawn_scoped(s, move || {
                        if let Some(c) = take(i) {
                            f(i * size, c);
                        }
                    })
                    .ok()
            })
            .collect();
        for i in 0..slots.len() {
            if (i == 0 || handles[i - 1].is_none())
                && let Some(c) = take(i)
            {
                f(i * size, c);
            }
        }
        for h in handles.into_iter().flatten() {
            if let Err(e) = h.join() {
                std::panic::resume_unwind(e);
            }
        }
    });
}

/// Maps every item with `f`, in parallel when there are at least `2 * min_per_thread` items;
/// the results are in input order.
pub fn map<T, R, F>(items: &[T], min_per_thread: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let parts = map_chunks(items, min_per_thread, |_, c| {
        c.iter().map(&f).collect::<Vec<R>>()
    });
    let mut out = Vec::with_capacity(items.len());
    for p in parts {
        out.extend(p);
    }
    out
}

/// Like [`map`], but the chunks hold about equal shares of the items' `weights` (one per item,
/// say the work each takes) rather than equal numbers of items: for inputs whose costly items
/// cluster. Runs sequentially when `weights` does not match `items`.
pub fn map_weighted<T, R, F>(items: &[T], weights: &[u64], min_per_thread: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let n = chunks(items.len(), min_per_thread);
    if n <= 1 || weights.len() != items.len() {
        return items.iter().map(f).collect();
    }
    // Chunk `c` ends after the first item where the running weight reaches `c / n` of the total.
    let total: u128 = weights.iter().map(|w| u128::from(*w)).sum();
    let mut bounds = vec![0];
    let mut acc: u128 = 0;
    for (i, w) in weights.iter().enumerate() {
        acc += u128::from(*w);
        while bounds.len() < n && acc * n as u128 >= total * bounds.len() as u128 {
            bounds.push(i + 1);
        }
    }
    bounds.resize(n, items.len());
    bounds.push(items.len());
    let map_range = |c: &[T]| c.iter().map(&f).collect::<Vec<R>>();
    let parts: Vec<Vec<R>> = std::thread::scope(|s| {
        let map_range = &map_range;
        let pending: Vec<_> = bounds[1..]
            .windows(2)
            .map(|w| {
                let c = &items[w[0]..w[1]];
                let spawned = std::thread::Builder::new()
                    .spawn_scoped(s, move || map_range(c))
                    .ok();
                (c, spawned)
            })
            .collect();
        let mut out = Vec::with_capacity(n);
        out.push(map_range(&items[..bounds[1]]));
        for (c, h) in pending {
            out.push(match h {
                Some(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                None => map_range(c),
            });
        }
        out
    });
    let mut out = Vec::with_capacity(items.len());
    for p in parts {
        out.extend(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_input_order() {
        let items: Vec<u32> = (0..10_000).collect();
        let seq: Vec<u64> = items.iter().map(|i| u64::from(*i) * 3).collect();
        for min in [1, 7, 1000, 5000, 20_000] {
            assert_eq!(map(&items, min, |i| u64::from(*i) * 3), seq, "min {min}");
        }
        let offsets = map_chunks(&items, 100, |at, c| (at, c.len()));
        let mut next = 0;
        for (at, len) in offsets {
            assert_eq!(at, next);
            next += len;
        }
        assert_eq!(next, items.len());
        assert!(map(&[] as &[u32], 1, |i| *i).is_empty());
    }

    #[test]
    fn weighted_results_keep_input_order() {
        let items: Vec<u32> = (0..10_000).collect();
        let seq: Vec<u64> = items.iter().map(|i| u64::from(*i) * 3).collect();
        // Costly items first, all the weight on one item, none at all, and a mismatch.
        let front: Vec<u64> = items
            .iter()
            .map(|i| if *i < 400 { 250 } else { 5 })
            .collect();
        let mut one = vec![0; items.len()];
        one[7] = 1;
        for w in [front, one, vec![0; items.len()], vec![1; 3]] {
            for min in [1, 100, 5000, 20_000] {
                assert_eq!(map_weighted(&items, &w, min, |i| u64::from(*i) * 3), seq);
            }
        }
        assert!(map_weighted(&[] as &[u32], &[], 1, |i| *i).is_empty());
    }

    #[test]
    fn mutable_chunks_cover_every_item_once() {
        let mut items = vec![0usize; 9_999];
        for_each_chunk_mut(&mut items, 10, |at, c| {
            for (i, x) in c.iter_mut().enumerate() {
                *x += at + i;
            }
        });
        assert!(items.iter().enumerate().all(|(i, x)| *x == i));
    }
}
