//! The run second by second: what was offered and answered in each window, its tail, and how busy
//! the server and the load tool itself were, so the peak can be told from the average.

use crate::{client::Stats, probe, report};
use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

/// Prints one line every `every` until `stop`: requests per second of each step, the p99 of the
/// answers and starts completed in the window, and the CPU use of the servers and of this process.
pub fn spawn(
    every: Duration,
    stats: Arc<Mutex<Stats>>,
    server_pids: Vec<u32>,
    stop: Arc<AtomicBool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let cpu = |pids: &[u32]| -> Option<f64> { pids.iter().map(|p| probe::cpu_seconds(*p)).sum() };
        let me = [std::process::id()];
        let started = Instant::now();
        let mut seen: HashMap<&'static str, usize> = HashMap::new();
        let (mut server_before, mut me_before) = (cpu(&server_pids), cpu(&me));
        let mut tick = tokio::time::interval_at((started + every).into(), every);
        println!(
            "{:>5} {:>8} {:>8} {:>8} {:>10} {:>10} {:>10} {:>9}",
            "t s", "start/s", "answer/s", "submit/s", "answer p99", "start p99", "server CPU", "load CPU"
        );
        while !stop.load(Ordering::Relaxed) {
            tick.tick().await;
            let secs = every.as_secs_f64();
            let mut window: HashMap<&'static str, Vec<Duration>> = HashMap::new();
            if let Ok(s) = stats.lock() {
                for step in ["start", "answer", "submit"] {
                    let all = s.latencies.get(step).map(Vec::as_slice).unwrap_or_default();
                    let from = seen.get(step).copied().unwrap_or(0).min(all.len());
                    window.insert(step, all[from..].to_vec());
                    seen.insert(step, all.len());
                }
            }
            let rate = |step: &str| window.get(step).map_or(0, Vec::len) as f64 / secs;
            let p99 = |step: &str| {
                let mut l = window.get(step).cloned().unwrap_or_default();
                l.sort_unstable();
                report::percentile(&l, 0.99)
            };
            let (server_now, me_now) = (cpu(&server_pids), cpu(&me));
            let busy = |now: Option<f64>, before: Option<f64>| match (now, before) {
                (Some(n), Some(b)) => format!("{:.0}%", 100.0 * (n - b) / secs),
                _ => "-".into(),
            };
            println!(
                "{:>5.0} {:>8.0} {:>8.0} {:>8.0} {:>10.1} {:>10.1} {:>10} {:>9}",
                started.elapsed().as_secs_f64(),
                rate("start"),
                rate("answer"),
                rate("submit"),
                p99("answer"),
                p99("start"),
                busy(server_now, server_before),
                busy(me_now, me_before),
            );
            (server_before, me_before) = (server_now, me_now);
        }
    })
}
