//! Work spread over the cores, results in input order: spec files, services, pages and
//! staged files are mapped this way by the loader, the emitters and the writer.

/// `f` applied to every item, on up to as many threads as there are cores; the results are
/// in the order of `items` whatever order the threads finish in. Items take different times
/// (spec files and services differ in size), so each thread takes the next item as soon as it
/// is free instead of a fixed share. A panic in `f` is passed on, as without threads.
pub(crate) fn parallel_map<'a, T: Sync, R: Send>(
    items: &'a [T],
    f: impl Fn(usize, &'a T) -> R + Sync,
) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    parallel_map_on(cores, items, f)
}

/// [`parallel_map`] on up to `threads` threads (more than the cores for work that mostly
/// waits, such as `fsync`). The calling thread is one of them; if the system refuses more
/// threads, the ones there are do all the work.
pub(crate) fn parallel_map_on<'a, T: Sync, R: Send>(
    threads: usize,
    items: &'a [T],
    f: impl Fn(usize, &'a T) -> R + Sync,
) -> Vec<R> {
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.iter().enumerate().map(|(i, t)| f(i, t)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut mine = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            mine.push((i, f(i, item)));
        }
        mine
    };
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .map_while(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut done = work();
        for helper in helpers {
            done.extend(
                helper
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        done
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::parallel_map;

    #[test]
    fn parallel_map_keeps_the_order_of_the_items() {
        let items: Vec<u64> = (0..500).collect();
        // Uneven work, so threads finish out of order.
        let out = parallel_map(&items, |i, n| {
            if i % 7 == 0 {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            (i, n * 2)
        });
        let expected: Vec<(usize, u64)> = items.iter().map(|n| (*n as usize, n * 2)).collect();
        assert_eq!(out, expected);
        assert!(parallel_map(&[] as &[u8], |_, x| *x).is_empty());
    }
}
