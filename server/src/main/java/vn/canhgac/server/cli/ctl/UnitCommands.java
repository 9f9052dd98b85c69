package vn.canhgac.server.cli.ctl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.canhgac.server.api.ApiModel.UnitList;
import vn.canhgac.server.api.ApiModel.UnitSummary;

/** {@code canhgacctl unit}: the organisation's units. */
@Command(name = "unit", description = "Create units and show the unit tree.",
        subcommands = {UnitCommands.Create.class, UnitCommands.List.class})
public final class UnitCommands {

    @Command(name = "create", description = "Create a unit, under a parent unit or as a root (admins only).")
    static final class Create extends ApiCommand {
        @Parameters(paramLabel = "NAME", description = "The unit's name, e.g. \"Phòng An ninh\"; unique across the server.")
        String name;

        @Option(names = "--parent", paramLabel = "NAME", description = "The unit it belongs to; left out, it is a root unit.")
        String parent;

        @Override
        void run(ApiClient api, PrintWriter out) {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("name", name);
            if (parent != null) {
                body.put("parent", parent);
            }
            String answer = api.post("/api/v1/units", body);
            if (json()) {
                out.println(answer);
                return;
            }
            UnitSummary unit = api.read(answer, UnitSummary.class);
            out.println("Created unit \"" + unit.name() + "\"" + (unit.parent() == null ? " (a root unit)." : " under \"" + unit.parent() + "\"."));
        }
    }

    @Command(name = "list", description = "Show the units you can see, as a tree.")
    static final class List extends ApiCommand {
        @Override
        void run(ApiClient api, PrintWriter out) {
            String answer = api.get("/api/v1/units");
            if (json()) {
                out.println(answer);
                return;
            }
            java.util.List<UnitSummary> units = api.read(answer, UnitList.class).units();
            if (units.isEmpty()) {
                out.println("No units yet; an admin creates one with `canhgacctl unit create NAME`.");
                return;
            }
            tree(units).forEach(out::println);
        }
    }

    /** One line per unit, children under their parent, drawn like {@code tree(1)}. */
    static java.util.List<String> tree(java.util.List<UnitSummary> units) {
        Set<String> names = units.stream().map(UnitSummary::name).collect(Collectors.toSet());
        Map<String, java.util.List<String>> children = new LinkedHashMap<>();
        java.util.List<String> roots = new ArrayList<>();
        for (UnitSummary unit : units) {
            if (unit.parent() == null || !names.contains(unit.parent())) {
                roots.add(unit.name());
            } else {
                children.computeIfAbsent(unit.parent(), parent -> new ArrayList<>()).add(unit.name());
            }
        }
        java.util.List<String> lines = new ArrayList<>();
        for (String root : roots) {
            lines.add(root);
            draw(root, "", children, lines);
        }
        return lines;
    }

    private static void draw(String name, String indent, Map<String, java.util.List<String>> children, java.util.List<String> lines) {
        java.util.List<String> below = children.getOrDefault(name, java.util.List.of());
        for (int i = 0; i < below.size(); i++) {
            boolean last = i == below.size() - 1;
            lines.add(indent + (last ? "└── " : "├── ") + below.get(i));
            draw(below.get(i), indent + (last ? "    " : "│   "), children, lines);
        }
    }
}
