package io.aisle.serving.cli;

import io.aisle.serving.config.MasterKeys;
import io.aisle.serving.tenancy.ApiKey;
import io.aisle.serving.tenancy.FileTenantDirectory;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantDirectory;
import io.aisle.serving.tenancy.TenantId;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./aisle tenants create|list|add-key|revoke-key}: the embedded tenant directory, the
 * same file a running embedded server reads ({@code AISLE_HOME/tenants.json}, secrets
 * encrypted with {@code AISLE_MASTER_KEY} or {@code AISLE_HOME/master.key}).
 */
@Command(name = "tenants", mixinStandardHelpOptions = true,
        description = "Create tenants and manage their API keys (embedded directory).",
        subcommands = {TenantsCommand.Create.class, TenantsCommand.ListTenants.class,
                TenantsCommand.AddKey.class, TenantsCommand.RevokeKey.class})
final class TenantsCommand {

    @Option(names = "--home", description = "Embedded state folder (default: AISLE_HOME or .aisle).")
    Path home;

    TenantDirectory directory() {
        Path folder = home != null ? home : Path.of(System.getenv().getOrDefault("AISLE_HOME", ".aisle"));
        String masterKey = System.getenv().getOrDefault("AISLE_MASTER_KEY", "");
        return new FileTenantDirectory(folder.resolve("tenants.json"), MasterKeys.cipher(masterKey, folder), Clock.systemUTC());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a tenant.")
    static final class Create implements Callable<Integer> {
        @ParentCommand TenantsCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "TENANT", description = "Tenant id: lower-case letters, digits, dashes.") String tenant;

        @Override
        public Integer call() {
            parent.directory().createTenant(tenantId(spec, tenant));
            System.out.println("created tenant " + tenant);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tenants and their keys (never secrets).")
    static final class ListTenants implements Callable<Integer> {
        @ParentCommand TenantsCommand parent;

        @Override
        public Integer call() {
            TenantDirectory directory = parent.directory();
            for (TenantId tenant : directory.tenants()) {
                System.out.println(tenant);
                for (ApiKey key : directory.keys(tenant)) {
                    System.out.printf("  %s  roles=%s%s%s%n", key.keyId(),
                            String.join(",", key.roles().stream().map(Role::wireName).sorted().toList()),
                            key.robotId().map(robot -> "  robot=" + robot).orElse(""),
                            key.revoked() ? "  REVOKED" : "");
                }
            }
            return 0;
        }
    }

    @Command(name = "add-key", mixinStandardHelpOptions = true,
            description = "Create an API key; its secret is printed once and never again.")
    static final class AddKey implements Callable<Integer> {
        @ParentCommand TenantsCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "TENANT") String tenant;
        @Option(names = "--roles", required = true, split = ",",
                description = "Comma-separated: storefront, store-device, store-operator, robot, wms, admin.") List<String> roles;
        @Option(names = "--robot", description = "The robot a robot key speaks for.") String robot;

        @Override
        public Integer call() {
            Set<Role> parsed = EnumSet.noneOf(Role.class);
            for (String role : roles) {
                parsed.add(Role.fromWireName(role).orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "unknown role '" + role + "'; use storefront, store-device, store-operator, robot, wms or admin")));
            }
            if (parsed.contains(Role.ROBOT) && robot == null) {
                throw new ParameterException(spec.commandLine(), "a robot key needs --robot");
            }
            if (!parsed.contains(Role.ROBOT) && robot != null) {
                throw new ParameterException(spec.commandLine(), "--robot applies to robot keys only (--roles robot)");
            }
            IssuedKey issued = parent.directory().addKey(tenantId(spec, tenant), parsed, Optional.ofNullable(robot));
            System.out.println("key id:  " + issued.key().keyId());
            System.out.println("secret:  " + issued.secret());
            System.out.println("(the secret is shown only now; it is stored encrypted)");
            return 0;
        }
    }

    @Command(name = "revoke-key", mixinStandardHelpOptions = true, description = "Revoke an API key.")
    static final class RevokeKey implements Callable<Integer> {
        @ParentCommand TenantsCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "TENANT") String tenant;
        @Parameters(index = "1", paramLabel = "KEY_ID") String keyId;

        @Override
        public Integer call() {
            if (!parent.directory().revokeKey(tenantId(spec, tenant), keyId)) {
                throw new IllegalArgumentException("tenant " + tenant + " has no key " + keyId);
            }
            System.out.println("revoked " + keyId);
            return 0;
        }
    }

    private static TenantId tenantId(CommandSpec spec, String tenant) {
        try {
            return new TenantId(tenant);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
