import { mergeDatabases } from "@yusuan/load";
import { ExitCode } from "../exit-codes.js";

/** `yusuan merge`: the databases of `yusuan ingest --shard` runs combined into one, as a single run would have written it. */
export async function mergeCommand(out: string, shards: string[]): Promise<void> {
  // Each shard is merged in one transaction: Ctrl-C leaves whole shards, and the same command completes them.
  const interrupt = (signal: NodeJS.Signals) => {
    process.stderr.write(`yusuan: merge interrupted (${signal}); run the same command again to complete it\n`);
    process.exit(ExitCode.Interrupted);
  };
  process.once("SIGINT", interrupt).once("SIGTERM", interrupt);
  const { added, alreadyPresent, replaced } = mergeDatabases(out, shards);
  process.stdout.write(
    `${added} documents added` +
      (replaced ? `, ${replaced} loaded versions replaced failed ones` : "") +
      (alreadyPresent ? `, ${alreadyPresent} already present (kept once)` : "") +
      ` from ${shards.length} databases → ${out}\n`,
  );
}
