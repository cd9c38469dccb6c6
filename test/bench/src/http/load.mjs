/**
 * Fixed-rate HTTP load with autocannon. Latencies are taken from each response's duration
 * (sub-millisecond), not from autocannon's millisecond histogram, so fast routes compare.
 */
import autocannon from "autocannon";
import { latencyPercentiles } from "../statistics.mjs";

/**
 * Sends `rate` requests per second for `seconds` over 8 connections, each request made by
 * `request(i)` (`{ method, path, body? }`); returns p50/p99 latency (ms), the request count,
 * the 409s (a command that lost its retries to a concurrent one on the same claim) and the
 * other responses that were not 2xx.
 */
export const loadAtRate = ({ url, rate, seconds, headers = {}, request }) =>
  new Promise((resolve, reject) => {
    let next = 0;
    const latencies = [];
    let failures = 0;
    let conflicts = 0;
    const instance = autocannon(
      {
        url,
        connections: 8,
        overallRate: rate,
        duration: seconds,
        headers: { "content-type": "application/json", ...headers },
        requests: [
          {
            setupRequest: (current) => {
              const { method, path, body } = request(next++);
              const payload = body === undefined ? undefined : JSON.stringify(body);
              return { ...current, method, path, body: payload };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const { p50, p99, count } = latencyPercentiles(latencies);
        resolve({
          p50,
          p99,
          requests: count,
          conflicts,
          failures: failures + result.errors + result.timeouts,
        });
      },
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status === 409) conflicts += 1;
      else if (status < 200 || status >= 300) failures += 1;
    });
  });
