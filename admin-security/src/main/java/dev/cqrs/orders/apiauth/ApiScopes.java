package dev.cqrs.orders.apiauth;

/** The OAuth2 scopes of the public APIs, as Spring Security names them once granted (SCOPE_ + the scope). */
public final class ApiScopes {

    /** Sends commands: POST and every other method that is not a read. */
    public static final String WRITE = "orders:write";
    /** Queries: GET and HEAD. */
    public static final String READ = "orders:read";
    /** Acts on and reads every customer's orders. */
    public static final String STAFF = "orders:staff";

    private ApiScopes() {
    }

    static String authority(String scope) {
        return "SCOPE_" + scope;
    }
}
