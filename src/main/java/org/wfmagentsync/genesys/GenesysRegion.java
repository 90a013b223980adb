package org.wfmagentsync.genesys;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Genesys Cloud regions and their API hosts; the login host is the API host with {@code login.} for {@code api.}. */
public enum GenesysRegion {
    US_EAST_1("us-east-1", "api.mypurecloud.com"),
    US_WEST_2("us-west-2", "api.usw2.pure.cloud"),
    US_EAST_2("us-east-2", "api.use2.us-gov-pure.cloud"),
    CA_CENTRAL_1("ca-central-1", "api.cac1.pure.cloud"),
    SA_EAST_1("sa-east-1", "api.sae1.pure.cloud"),
    EU_WEST_1("eu-west-1", "api.mypurecloud.ie"),
    EU_WEST_2("eu-west-2", "api.euw2.pure.cloud"),
    EU_CENTRAL_1("eu-central-1", "api.mypurecloud.de"),
    EU_CENTRAL_2("eu-central-2", "api.euc2.pure.cloud"),
    ME_CENTRAL_1("me-central-1", "api.mec1.pure.cloud"),
    AP_SOUTH_1("ap-south-1", "api.aps1.pure.cloud"),
    AP_NORTHEAST_1("ap-northeast-1", "api.mypurecloud.jp"),
    AP_NORTHEAST_2("ap-northeast-2", "api.apne2.pure.cloud"),
    AP_NORTHEAST_3("ap-northeast-3", "api.apne3.pure.cloud"),
    AP_SOUTHEAST_2("ap-southeast-2", "api.mypurecloud.com.au");

    private final String code;
    private final String apiHost;

    GenesysRegion(String code, String apiHost) {
        this.code = code;
        this.apiHost = apiHost;
    }

    public String apiUrl() {
        return "https://" + apiHost;
    }

    public String loginUrl() {
        return "https://login." + apiHost.substring("api.".length());
    }

    public static GenesysRegion of(String code) {
        return Arrays.stream(values()).filter(region -> region.code.equalsIgnoreCase(code.trim())).findFirst()
                .orElseThrow(() -> new IllegalStateException("GENESYS_REGION '" + code + "' is not a Genesys Cloud region;"
                        + " use one of " + Arrays.stream(values()).map(r -> r.code).collect(Collectors.joining(", "))));
    }
}
