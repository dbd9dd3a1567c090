package io.github.luccaprovisioning.mapping;

/**
 * The settings a {@link TargetProfile} is read with, as typed properties (target.*, mapping.file, mapping.date-format:
 * beans.camel.yaml sets them from application.properties). Empty is "the profile's default".
 */
public final class TargetSettings {

    private String profile = "scim";
    private String mappingFile = "";
    private String baseUrl = "";
    private String programme = "";
    private String token = "";
    private String dateFormat = "";
    private String costCentersUrl = "";

    /** target.profile: the name of profiles/&lt;profile&gt;.yaml. */
    public String getProfile() {
        return profile;
    }

    public void setProfile(String profile) {
        this.profile = profile;
    }

    /** mapping.file: a profile file to read instead of profiles/&lt;profile&gt;.yaml. */
    public String getMappingFile() {
        return mappingFile;
    }

    public void setMappingFile(String mappingFile) {
        this.mappingFile = mappingFile;
    }

    /** target.base-url, in place of the profile's default address. */
    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** target.programme, put in place of {programme} in the address. */
    public String getProgramme() {
        return programme;
    }

    public void setProgramme(String programme) {
        this.programme = programme;
    }

    /** target.token (TARGET_TOKEN), put in place of {token} in the Authorization header. */
    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    /** mapping.date-format, in place of the profile's. */
    public String getDateFormat() {
        return dateFormat;
    }

    public void setDateFormat(String dateFormat) {
        this.dateFormat = dateFormat;
    }

    /**
     * target.cost-centers-url: another address for the profile's Cost Centers API (a proxy, a sandbox); a profile
     * without one syncs no cost centers whatever it says.
     */
    public String getCostCentersUrl() {
        return costCentersUrl;
    }

    public void setCostCentersUrl(String costCentersUrl) {
        this.costCentersUrl = costCentersUrl;
    }
}
