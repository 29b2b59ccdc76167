//! Measurements beside the contestants: the server's ceiling on its cheapest route, the latency
//! a visitor sees while the server is busy, the raw password-hashing rate of this machine, and
//! the server process's CPU time and memory.

use reqwest::Client;
use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

/// Requests per second `connections` clients get from `GET` on `urls` (spread over them), each
/// sending the next request as soon as the last one is answered, for `secs`.
pub async fn ceiling(client: &Client, urls: Vec<String>, connections: usize, secs: u64) -> f64 {
    let done = Arc::new(AtomicU64::new(0));
    let until = Instant::now() + Duration::from_secs(secs);
    let started = Instant::now();
    let tasks: Vec<_> = (0..connections)
        .map(|i| {
            let (client, url, done) = (client.clone(), urls[i % urls.len().max(1)].clone(), done.clone());
            tokio::spawn(async move {
                while Instant::now() < until {
                    if let Ok(res) = client.get(&url).send().await
                        && res.status().is_success()
                        && res.bytes().await.is_ok()
                    {
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        let _ = task.await;
    }
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

/// Latencies of `GET` on each of `urls` in turn, one at a time every 20 ms, until `stop`.
pub fn watch(
    client: Client,
    urls: Vec<String>,
    stop: Arc<AtomicBool>,
) -> tokio::task::JoinHandle<Vec<Duration>> {
    tokio::spawn(async move {
        let mut seen = Vec::new();
        let mut i = 0;
        while !stop.load(Ordering::Relaxed) {
            let url = &urls[i % urls.len()];
            i += 1;
            let start = Instant::now();
            if let Ok(res) = client.get(url).send().await
                && res.bytes().await.is_ok()
            {
                seen.push(start.elapsed());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        seen
    })
}

/// Password checks per second this machine does on `threads` threads at the server's argon2id
/// parameters (19 MiB, 2 passes, 1 lane), measured for `secs`.
pub fn raw_argon2(threads: usize, secs: u64) -> f64 {
    use argon2::{Algorithm, Argon2, Params, Version};
    let until = Instant::now() + Duration::from_secs(secs);
    let started = Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            std::thread::spawn(move || {
                let Ok(params) = Params::new(19_456, 2, 1, Some(32)) else { return 0u64 };
                let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
                let mut out = [0u8; 32];
                let mut n = 0;
                while Instant::now() < until {
                    if argon.hash_password_into(b"TaiKiemThu@2017", b"0123456789abcdef", &mut out).is_ok() {
                        n += 1;
                    }
                }
                n
            })
        })
        .collect();
    let total: u64 = handles.into_iter().map(|h| h.join().unwrap_or(0)).sum();
    total as f64 / started.elapsed().as_secs_f64()
}

/// CPU seconds (user + system) the process `pid` has used so far, from `/proc`.
pub fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let (utime, stime): (f64, f64) = (fields.get(11)?.parse().ok()?, fields.get(12)?.parse().ok()?);
    // Clock ticks are 100 per second on Linux.
    Some((utime + stime) / 100.0)
}

/// Peak resident memory of the process `pid` in MiB (`VmHWM`).
pub fn peak_rss_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
