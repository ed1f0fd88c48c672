package org.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.cli.command.TruceCommand;
import picocli.CommandLine;

/** The command line: every command is listed, unfinished ones say so, imports report problems. */
class CommandLineTest {
    @TempDir
    Path temp;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = TruceCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommand() {
        Run help = run("help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("demo", "serve", "migrate", "import", "export", "bulletin", "verify", "rebuild");
    }

    @Test
    void unfinishedCommandsSaySoAndFail() {
        for (String command : new String[] {"export", "bulletin"}) {
            Run run = run(command);
            assertThat(run.exit()).as(command).isEqualTo(TruceCommand.NOT_YET_AVAILABLE);
            assertThat(run.err()).as(command).contains("not yet available");
        }
    }

    @Test
    void migrateAndImportWorkOnTheEmbeddedStore() throws Exception {
        String data = temp.resolve("data").toString();
        Run migrate = run("migrate", "--data", data);
        assertThat(migrate.exit()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("Schema up to date");

        Path actors = temp.resolve("actors.json");
        Files.writeString(actors, """
                {"format": "truce-actors/1", "actors": [
                  {"id": "fatah-halab", "name": "Fatah Halab", "kind": "COALITION", "acled_inter": 2},
                  {"id": "bad id", "name": "X", "kind": "ARMY"}]}""");
        Run rejected = run("import", "--data", data, "--format", "actors", actors.toString());
        assertThat(rejected.exit()).isEqualTo(1);
        assertThat(rejected.err()).contains("actors[1].id", "actors[1].kind", "nothing was imported");

        Files.writeString(actors, """
                {"format": "truce-actors/1", "actors": [{"id": "fatah-halab", "name": "Fatah Halab", "kind": "COALITION", "acled_inter": 2}]}""");
        Run accepted = run("import", "--data", data, "--format", "actors", actors.toString());
        assertThat(accepted.exit()).as(accepted.err()).isZero();
        assertThat(accepted.out()).contains("accepted 1");

        Run again = run("import", "--data", data, "--format", "actors", actors.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");

        Path csv = temp.resolve("ucdp.csv");
        Files.writeString(csv, """
                "id","type_of_violence","side_a","side_b","where_prec","latitude","longitude","date_start","date_end","best","source_headline"
                1,1,"Government of Syria","Syrian insurgents",1,36.2,37.15,2016-05-06,2016-05-06,3,"Shelling on al-Midan"
                2,1,"Government of Syria","Syrian insurgents",1,95,37.15,2016-05-06,2016-05-06,3,"Latitude out of range"
                1,1,"Government of Syria","Syrian insurgents",1,36.2,37.15,2016-05-06,2016-05-06,3,"Seen before"
                """);
        Run ucdp = run("import", "--data", data, "--format", "ucdp", csv.toString());
        assertThat(ucdp.exit()).as(ucdp.err()).isZero();
        assertThat(ucdp.out()).contains("read 3, accepted 1, duplicates 1, rejected 1").contains("line 3: rejected", "location.lat");

        Run rebuild = run("rebuild", "--data", data);
        assertThat(rebuild.exit()).as(rebuild.err()).isZero();
        assertThat(rebuild.out()).contains("from 2 log entries");
    }

    @Test
    void formatsNotBuiltYetSaySo() throws Exception {
        Path file = temp.resolve("x.csv");
        Files.writeString(file, "event_id_cnty\n");
        Run run = run("import", "--data", temp.resolve("d").toString(), "--format", "acled", file.toString());
        assertThat(run.exit()).isEqualTo(TruceCommand.NOT_YET_AVAILABLE);
    }
}
