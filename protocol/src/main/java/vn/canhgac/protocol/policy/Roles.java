package vn.canhgac.protocol.policy;

import java.util.List;

/** The machine roles of ../shared/POLICY.md; an agent's role comes from its enrolment token. */
public final class Roles {

    public static final String SECRET_WORKSTATION = "secret-workstation";
    public static final String INTERNAL_WORKSTATION = "internal-workstation";
    public static final String INTERNET_WORKSTATION = "internet-workstation";
    public static final String MDM_HOST = "mdm-host";
    public static final List<String> ALL = List.of(SECRET_WORKSTATION, INTERNAL_WORKSTATION, INTERNET_WORKSTATION, MDM_HOST);

    private Roles() {}
}
