// Usage text of the subcommands whose code main.ts loads only when they run
// (so that `ndsim decode` does not pay for the simulator, Ink or libpcap).

export const LIVE_USAGE = `  annotate FILE [--text|--json|--pcap OUT.pcapng] [--routers MAC,…] [--prefixes P,…] [--lang en|ja]
                                every frame of a capture explained, with the state a passive
                                observer infers (DAD, routers, prefixes) and NDPMon-style alerts
  sniff IFACE [same options] [--until T]
                                the same, live on a network interface, until Ctrl-C
  attach IFACE FILE [--allow-send] [--link NAME] [--until T] [--text|--json|--pcap OUT.pcapng]
                                run a scenario's simulated nodes on a real link in real time;
                                nothing is transmitted without --allow-send
`;

export const BENCH_USAGE = `  bench slaac --hosts N [--stagger T] [--until T] [--seed S] [--ra-multicast]
                                N hosts and a radvd router boot on one link (full RFC 4861/4862
                                behaviour); prints one JSON line of counts, time and peak RSS;
                                --ra-multicast: AdvRASolicitedUnicast off (RSs answered by
                                multicast RAs, rate-limited by MinDelayBetweenRAs)
`;
