package dev.cqrs.orders.admin;

/** One operator from ADMIN_USERS: a name and its password as configured ({@code {bcrypt}...}, {@code {noop}...} or plain). */
public record AdminUser(String name, String password) {

    /** The password as the DelegatingPasswordEncoder stores it: plain text gets the {@code {noop}} prefix. */
    public String encodedPassword() {
        return password.startsWith("{bcrypt}") || password.startsWith("{noop}") ? password : "{noop}" + password;
    }

    /** Never the password: this record ends up in log lines and test reports. */
    @Override
    public String toString() {
        return "AdminUser[" + name + "]";
    }
}
