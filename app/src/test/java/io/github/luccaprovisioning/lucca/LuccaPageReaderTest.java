package io.github.luccaprovisioning.lucca;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LuccaPageReaderTest {

    private static final LuccaCredentials V3 = new LuccaCredentials("v3", "key", null, null, null);
    private final LuccaPageReader reader = new LuccaPageReader(10, "id,mail", java.util.List::of, java.util.List::of, V3);

    private static InputStream page(int count, int... ids) {
        StringBuilder items = new StringBuilder();
        for (int id : ids) {
            items.append(items.isEmpty() ? "" : ",").append("{\"id\":").append(id).append('}');
        }
        String json = "{\"header\":{},\"data\":{\"count\":" + count + ",\"items\":[" + items + "]}}";
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fullPagesAskForMoreAndAShortPageEndsACompleteRead() throws Exception {
        DirectoryRead read = new DirectoryRead(2);

        assertThat(reader.readPage(200, null, page(3, 1, 2), read)).hasSize(2);
        assertThat(read.isMorePages()).isTrue();
        assertThat(read.getNextOffset()).isEqualTo(2);

        assertThat(reader.readPage(200, null, page(3, 3), read)).hasSize(1);
        assertThat(read.isMorePages()).isFalse();
        assertThat(read.isComplete()).isTrue();
        assertThat(read.getPagesRead()).isEqualTo(2);
    }

    @Test
    void fewerEmployeesThanAnnouncedIsAnIncompleteRead() throws Exception {
        DirectoryRead read = new DirectoryRead(10);

        reader.readPage(200, null, page(12, 1, 2, 3), read);

        assertThat(read.isMorePages()).isFalse();
        assertThat(read.isComplete()).isFalse();
    }

    @Test
    void anEmptyDirectoryIsNeverAComplete() throws Exception {
        DirectoryRead read = new DirectoryRead(10);

        reader.readPage(200, null, page(0), read);

        assertThat(read.isComplete()).isFalse();
    }

    @Test
    void aFullLastPageStopsOnceTheAnnouncedCountIsReached() throws Exception {
        DirectoryRead read = new DirectoryRead(2);
        reader.readPage(200, null, page(4, 1, 2), read);
        reader.readPage(200, null, page(4, 3, 4), read);

        assertThat(read.isMorePages()).isFalse();
        assertThat(read.isComplete()).isTrue();
    }

    @Test
    void errorStatusesSayWhatToFix() {
        DirectoryRead read = new DirectoryRead(10);
        assertThatThrownBy(() -> reader.readPage(401, null, null, read)).isInstanceOf(LuccaReadException.class)
                .hasMessageContaining("LUCCA_API_KEY");
        assertThatThrownBy(() -> reader.readPage(403, null, null, read)).hasMessageContaining("role");
        assertThatThrownBy(() -> reader.readPage(503, null, null, read)).hasMessageContaining("not available");
    }

    @Test
    void aRateLimitOrAnOutageIsWorthAskingAgain() {
        assertThatThrownBy(() -> reader.readPage(429, "30", null, new DirectoryRead(10)))
                .isInstanceOfSatisfying(LuccaUnavailableException.class, e -> assertThat(e.retryAfter()).isEqualTo("30"));
        assertThatThrownBy(() -> reader.readPage(502, null, null, new DirectoryRead(10))).isInstanceOf(LuccaUnavailableException.class);
        assertThatThrownBy(() -> reader.readPage(401, null, null, new DirectoryRead(10))).isNotInstanceOf(LuccaUnavailableException.class);
    }

    @Test
    void anAnswerWithoutUsersIsRefused() {
        InputStream notAPage = new ByteArrayInputStream("{\"hello\":1}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> reader.readPage(200, null, notAPage, new DirectoryRead(10)))
                .hasMessageContaining("without a list of users");
    }

    @Test
    void theFieldsListHasWhatTheSyncAndTheMappingReadOnceEach() {
        LuccaPageReader withMapping = new LuccaPageReader(10, "id,mail,department[id,name]",
                () -> java.util.List.of("department.name", "culture.id", "jobTitle", "mail"), () -> java.util.List.of("legalEntity"), V3);

        assertThat(withMapping.getFields()).isEqualTo("id,mail,department[id,name],culture[id],jobTitle,legalEntity,collection.count");
    }

    @Test
    void pageSizeAboveLuccasMaximumIsRefused() {
        assertThatThrownBy(() -> new DirectoryRead(1001)).hasMessageContaining("lucca.page-size");
    }
}
