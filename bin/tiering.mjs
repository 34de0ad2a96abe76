// V8 optimises a function once it has run its "interrupt budget" of bytecode. A build is short and
// runs much of its code briefly, once per page or per chart: at V8's default budget (67,584) its
// one background thread (--v8-pool-size=1) compiled functions with TurboFan that never ran long
// enough to pay that back, some again after deoptimising, while both cores were busy with the
// build. A cold build of the article made 298 such compilations and 45 deoptimisations; with the
// budget at 1,000,000 it makes 81 and 10, and takes ~11% less time (README, Speed).
// Set by bin/bundle.mjs, which loads every bundle of the command line, on every thread, before
// any of them runs: V8's flags are the process's, and V8 takes a code cache only under the flags
// it was made with, so the caches are made and checked under this budget. `npm run dev` goes back
// to V8's own once its first build is done (src/cli/tiering.ts).
import { setFlagsFromString } from 'node:v8'

setFlagsFromString('--interrupt-budget=1000000')
