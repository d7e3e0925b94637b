package io.visionpipeline.core.model.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsLiteralTest {

    @Test
    void readsTheLiteralFormsMinifiersWrite() {
        JsonNode v = JsLiteral.parse("{a:1,\"b\":'it\\'s',c:[!0,!1,void 0,null,true],d:-1.5e-3,e:.5,f:0x10,g:{},h:\"\\u00e9\\n\",}", "t.js");
        assertThat(v.get("a").asLong()).isEqualTo(1);
        assertThat(v.get("b").asText()).isEqualTo("it's");
        assertThat(v.get("c").get(0).asBoolean()).isTrue();
        assertThat(v.get("c").get(1).asBoolean()).isFalse();
        assertThat(v.get("c").get(2).isNull()).isTrue();
        assertThat(v.get("d").asDouble()).isEqualTo(-1.5e-3);
        assertThat(v.get("e").asDouble()).isEqualTo(0.5);
        assertThat(v.get("f").asLong()).isEqualTo(16);
        assertThat(v.get("g").isEmpty()).isTrue();
        assertThat(v.get("h").asText()).isEqualTo("é\n");
    }

    @Test
    void findsTheExportOfAUmdBundle() {
        String umd = "!function(t){if(\"object\"==typeof exports&&\"undefined\"!=typeof module)module.exports=t();else{this.model=t()}}"
                + "(function(){return function t(e,a,l){var u=a[d]={exports:{}};e[d][0].call(u.exports)}({1:[function(t,e,a){"
                + "e.exports={format:\"graph-model\",weightsManifest:[{paths:[\"group1-shard1of1\"]}]}},{}]},{},[1])(1)});";
        JsonNode model = JsLiteral.exportedValue(umd, "model.min.js");
        assertThat(model.get("format").asText()).isEqualTo("graph-model");
        assertThat(model.at("/weightsManifest/0/paths/0").asText()).isEqualTo("group1-shard1of1");
    }

    @Test
    void aTruncatedModuleFailsNamingTheFileAndThePosition() {
        assertThatThrownBy(() -> JsLiteral.exportedValue("e.exports={format:\"graph-model\",modelTopology:{node:[{name:\"x\"", "dir/model.min.js"))
                .isInstanceOf(TfjsImportException.class)
                .hasMessageContaining("dir/model.min.js").hasMessageContaining("truncated").hasMessageContaining("at character");
    }

    @Test
    void aScriptWithoutAnExportedLiteralIsNamed() {
        assertThatThrownBy(() -> JsLiteral.exportedValue("console.log('hello')", "other.js"))
                .isInstanceOf(TfjsImportException.class).hasMessageContaining("other.js").hasMessageContaining("exports");
    }
}
