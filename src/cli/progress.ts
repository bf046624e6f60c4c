import { SingleBar, Presets } from 'cli-progress';

/** A progress bar on a terminal; plain lines when output goes to a file or CI log. */
export function progressBar(label: string) {
  if (!process.stderr.isTTY) {
    let lastShown = -1;
    return {
      update(done: number, total: number) {
        const percent = total > 0 ? Math.floor((done / total) * 10) * 10 : 100;
        if (percent !== lastShown) {
          lastShown = percent;
          process.stderr.write(`${label}: ${percent}%\n`);
        }
      },
      stop() {},
    };
  }
  const bar = new SingleBar(
    { format: `${label} [{bar}] {percentage}% {value}/{total}`, hideCursor: true },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) {
        bar.start(total, done);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
