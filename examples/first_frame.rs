//! Time to the first frame of the real binary (issue 5: <= 20 ms on the
//! embedded dataset).
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example first_frame -- [RUNS] [COLSxROWS] [-- STRATLENS ARGS]
//! ```
//!
//! Starts `target/release/stratlens` (or `$STRATLENS_BIN`) in a
//! pseudo-terminal of the given size (default 120x40) `RUNS` times
//! (default 30) and times each start, from just before the spawn to the
//! moment the terminal has received the whole first frame: the frame is
//! written top to bottom, so it is whole when the status line at the bottom
//! shows "N of M claims". Everything the user waits for is in it: process
//! start, loading and validating the dataset, the search index, terminal
//! set-up and drawing (`benches/render.rs` times the in-process parts).
//! Prints best, median and worst, and the same for the first byte written
//! (the switch to the alternate screen). Each run starts with `--fresh` and
//! its own empty `XDG_STATE_HOME`, so no saved session is read or left
//! behind.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const WAIT: Duration = Duration::from_secs(20);

struct Start {
    first_byte: Duration,
    frame: Duration,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (ours, theirs) = match args.iter().position(|a| a == "--") {
        Some(i) => (&args[..i], &args[i + 1..]),
        None => (&args[..], &[][..]),
    };
    let runs: usize = ours.first().map_or(Ok(30), |s| s.parse())?;
    let (cols, rows) = match ours.get(1) {
        Some(s) => {
            let (c, r) = s.split_once('x').ok_or("size is COLSxROWS, e.g. 120x40")?;
            (c.parse::<u16>()?, r.parse::<u16>()?)
        }
        None => (120, 40),
    };
    let bin = std::env::var_os("STRATLENS_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/stratlens")
        });
    if !bin.is_file() {
        return Err(format!("{} not found: cargo build --release", bin.display()).into());
    }
    let mut starts = Vec::with_capacity(runs);
    for _ in 0..runs {
        starts.push(start(&bin, theirs, cols, rows)?);
    }
    let mut frame: Vec<Duration> = starts.iter().map(|s| s.frame).collect();
    let mut byte: Vec<Duration> = starts.iter().map(|s| s.first_byte).collect();
    frame.sort();
    byte.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{} {} at {cols}x{rows}, {runs} runs",
        bin.display(),
        theirs.join(" ")
    );
    println!(
        "first frame: best {:.1} ms, median {:.1} ms, worst {:.1} ms",
        ms(frame[0]),
        ms(frame[runs / 2]),
        ms(frame[runs - 1])
    );
    println!(
        "first byte:  best {:.1} ms, median {:.1} ms, worst {:.1} ms",
        ms(byte[0]),
        ms(byte[runs / 2]),
        ms(byte[runs - 1])
    );
    Ok(())
}

/// One start of the binary, timed to its first whole frame; then it quits.
fn start(
    bin: &PathBuf,
    args: &[String],
    cols: u16,
    rows: u16,
) -> Result<Start, Box<dyn std::error::Error>> {
    let state = tempfile::tempdir()?;
    let pair = native_pty_system().openpty(PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    })?;
    let mut cmd = CommandBuilder::new(bin);
    cmd.arg("--fresh");
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_STATE_HOME", state.path());
    let mut reader = pair.master.try_clone_reader()?;
    let mut writer = pair.master.take_writer()?;
    // Chunks are stamped as they arrive, on their own thread, so parsing
    // them does not delay the clock.
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                break;
            }
        }
    });
    let size = |n: u16| std::num::NonZeroU16::new(n).ok_or("zero terminal size");
    let mut vt = vt100::Parser::new(size(rows)?, size(cols)?, 0);
    let t0 = Instant::now();
    let mut child = pair.slave.spawn_command(cmd)?;
    drop(pair.slave);
    let mut first_byte = None;
    let frame = loop {
        let (at, bytes) = rx.recv_timeout(WAIT).map_err(|_| {
            format!(
                "no whole frame within {WAIT:?}:\n{}",
                vt.screen().contents()
            )
        })?;
        first_byte.get_or_insert(at - t0);
        vt.process(&bytes);
        if whole(&vt, cols, rows) {
            break at - t0;
        }
    };
    writer.write_all(b"q")?;
    writer.flush()?;
    let deadline = Instant::now() + WAIT;
    while child.try_wait()?.is_none() {
        if Instant::now() > deadline {
            child.kill()?;
            return Err("stratlens did not quit on q".into());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Ok(Start {
        first_byte: first_byte.unwrap_or(frame),
        frame,
    })
}

/// The status line, the last row drawn, shows the claim count.
fn whole(vt: &vt100::Parser, cols: u16, rows: u16) -> bool {
    let last = vt.screen().rows(0, cols).nth(usize::from(rows) - 1);
    last.is_some_and(|l| l.trim_end().ends_with("claims"))
}
