package vn.canhgac.installer.build;

/** Who the packages name as their maintainer; the same string is in src/deb/{agent,server}/control/control. */
final class Maintainer {

    static final String NAME_AND_ADDRESS = "Canh Gac developers <canhgac@example.invalid>";

    private Maintainer() {}
}
