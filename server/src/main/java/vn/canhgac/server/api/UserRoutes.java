package vn.canhgac.server.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.canhgac.server.api.ApiModel.CreatedUser;
import vn.canhgac.server.api.ApiModel.UserList;
import vn.canhgac.server.api.ApiModel.UserSummary;
import vn.canhgac.server.auth.Access;
import vn.canhgac.server.auth.AccountService;
import vn.canhgac.server.auth.AccountService.NewAccount;
import vn.canhgac.server.auth.Principal;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.auth.SessionService;
import vn.canhgac.server.store.Account;
import vn.canhgac.server.store.Session;

/**
 * {@code /api/v1/users}: accounts. Creating, listing, locking and unlocking are for admins; any
 * account may change its own password.
 */
final class UserRoutes {
    private static final Set<String> CREATE_FIELDS = Set.of("username", "role", "units", "password");
    private static final Set<String> PASSWORD_FIELDS = Set.of("current", "new");
    private static final Set<String> LOCK_FIELDS = Set.of("reason");

    private final AccountService accounts;
    private final SessionService sessions;
    private final Access access;
    private final Responses responses;

    UserRoutes(AccountService accounts, SessionService sessions, Access access, Responses responses) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.access = Objects.requireNonNull(access, "access");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    void mount(Router router) {
        router.get("/api/v1/users").handler(this::list);
        router.post("/api/v1/users").handler(this::create);
        router.post("/api/v1/users/:username/lock").handler(this::lock);
        router.post("/api/v1/users/:username/unlock").handler(this::unlock);
        router.put("/api/v1/users/:username/password").handler(this::changePassword);
    }

    private void list(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        responses.blocking(context, 200, () -> {
            access.requireRole(principal, "list accounts", Role.ADMIN);
            return new UserList(accounts.list().stream().map(this::summary).toList());
        });
    }

    private void create(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        JsonBody body = JsonBody.parse(responses.mapper(), context.body().buffer(), CREATE_FIELDS,
                "{\"username\":\"lan\",\"role\":\"security-officer\",\"units\":[\"Sở Nội vụ\"],\"password\":\"…\"}");
        String username = body.required("username");
        String role = body.required("role");
        List<String> units = body.list("units");
        String password = body.required("password");
        responses.blocking(context, 201, () -> {
            access.requireRole(principal, "create accounts", Role.ADMIN);
            NewAccount created;
            try {
                created = accounts.create(principal.username(), username, Role.parse(role), units, password);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            } catch (AccountService.AccountExists e) {
                throw ApiException.conflict(e.getMessage());
            }
            return new CreatedUser(summary(created.account()), created.totpUri(), created.totpSecret(), created.recoveryCodes());
        });
    }

    /** Locking ends the account's sessions at once. An admin cannot lock their own account (nobody could unlock it over the API). */
    private void lock(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        String username = context.pathParam("username");
        boolean noBody = context.body().buffer() == null || context.body().buffer().length() == 0;
        String reason = (noBody ? Optional.<String>empty()
                : JsonBody.parse(responses.mapper(), context.body().buffer(), LOCK_FIELDS, "{\"reason\":\"left the unit\"}").optional("reason"))
                .orElse("locked by " + principal.username());
        responses.blocking(context, 200, () -> {
            access.requireRole(principal, "lock accounts", Role.ADMIN);
            Account account = find(username);
            if (account.username().equals(principal.username())) {
                throw ApiException.conflict("you cannot lock your own account; another admin can");
            }
            if (!accounts.lock(principal.username(), account.username(), reason)) {
                throw ApiException.conflict("account " + account.username() + " is locked already");
            }
            return summary(find(username));
        });
    }

    private void unlock(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        String username = context.pathParam("username");
        responses.blocking(context, 200, () -> {
            access.requireRole(principal, "unlock accounts", Role.ADMIN);
            Account account = find(username);
            if (!accounts.unlock(principal.username(), account.username())) {
                throw ApiException.conflict("account " + account.username() + " is not locked");
            }
            return summary(find(username));
        });
    }

    private void changePassword(RoutingContext context) {
        Principal principal = BearerAuthentication.principal(context);
        Session session = BearerAuthentication.session(context);
        String username = context.pathParam("username");
        JsonBody body = JsonBody.parse(responses.mapper(), context.body().buffer(), PASSWORD_FIELDS,
                "{\"current\":\"…\",\"new\":\"…\"}");
        String current = body.required("current");
        String next = body.required("new");
        String remote = BearerAuthentication.remote(context);
        responses.blocking(context, Responses.NO_CONTENT, () -> {
            if (!username.equals(principal.username())) {
                throw ApiException.forbidden("an account may change only its own password (you are " + principal.username() + ")");
            }
            boolean changed;
            try {
                changed = sessions.changePassword(principal, session, current, next, remote);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            if (!changed) {
                throw ApiException.forbidden("the current password was not accepted; the password was not changed");
            }
            return null;
        });
    }

    private Account find(String username) {
        return accounts.find(username).orElseThrow(() ->
                ApiException.notFound("no account is named \"" + username + "\"; `canhgacctl user list` shows them"));
    }

    private UserSummary summary(Account account) {
        return new UserSummary(account.username(), account.role(), account.units().stream().sorted().toList(), account.createdAt(),
                account.createdBy(), account.lastLoginAt().orElse(null), account.lockedAt().orElse(null),
                account.lockReason().orElse(null), account.failedAttempts(), accounts.unusedRecoveryCodes(account.username()));
    }
}
