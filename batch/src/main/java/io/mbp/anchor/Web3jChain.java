package io.mbp.anchor;

import io.mbp.error.InfrastructureException;
import io.mbp.net.Urls;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/** {@link Chain} over JSON-RPC with web3j. */
public final class Web3jChain implements Chain {
    private static final HexFormat HEX = HexFormat.of();
    /** The URL as messages show it: credentials masked (io.mbp.net.Urls). */
    private final String url;
    private final Web3j web3;
    private Long chainId;

    public Web3jChain(String url) {
        this.url = Urls.mask(url);
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS)
                .build();
        this.web3 = Web3j.build(new HttpService(url, http));
    }

    private <T extends Response<?>> T call(Request<?, T> request, String what) {
        T r;
        try {
            r = request.send();
        } catch (IOException e) {
            throw new InfrastructureException("chain RPC " + url + " is unreachable (" + what + "): " + Urls.mask(e.getMessage())
                    + "; check the RPC URL and that the node is running (scripts/devchain start)", e).about("chain-rpc");
        } catch (RuntimeException e) {
            throw new InfrastructureException("chain RPC " + url + " gave an unreadable answer to " + what + ": "
                    + Urls.mask(e.getMessage()), e);
        }
        if (r.hasError()) {
            throw new InfrastructureException("chain RPC " + url + " refused " + what + ": " + Urls.mask(r.getError().getMessage()));
        }
        return r;
    }

    @Override
    public long chainId() {
        if (chainId == null) {
            chainId = call(web3.ethChainId(), "eth_chainId").getChainId().longValueExact();
        }
        return chainId;
    }

    @Override
    public long blockNumber() {
        return call(web3.ethBlockNumber(), "eth_blockNumber").getBlockNumber().longValueExact();
    }

    @Override
    public Optional<String> blockHash(long number) {
        EthBlock.Block b = call(web3.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false),
                "eth_getBlockByNumber").getBlock();
        return b == null ? Optional.empty() : Optional.ofNullable(b.getHash());
    }

    @Override
    public Optional<Tx> transaction(String txHash) {
        Optional<Transaction> t = call(web3.ethGetTransactionByHash(txHash), "eth_getTransactionByHash").getTransaction();
        return t.map(x -> new Tx(x.getHash(), x.getInput(),
                x.getBlockNumberRaw() == null ? null : x.getBlockNumber().longValueExact(), x.getBlockHash(),
                x.getChainId()));
    }

    @Override
    public Optional<Receipt> receipt(String txHash) {
        Optional<TransactionReceipt> r = call(web3.ethGetTransactionReceipt(txHash), "eth_getTransactionReceipt").getTransactionReceipt();
        return r.map(x -> new Receipt(x.getTransactionHash(), x.isStatusOK(), x.getBlockNumber().longValueExact(), x.getBlockHash()));
    }

    @Override
    public String sendData(ChainAccount from, byte[] data) {
        String address = from.address();
        BigInteger nonce = call(web3.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING),
                "eth_getTransactionCount").getTransactionCount();
        BigInteger gasPrice = call(web3.ethGasPrice(), "eth_gasPrice").getGasPrice();
        String hexData = "0x" + HEX.formatHex(data);
        BigInteger gas = call(web3.ethEstimateGas(org.web3j.protocol.core.methods.request.Transaction
                .createFunctionCallTransaction(address, nonce, gasPrice, null, address, BigInteger.ZERO, hexData)),
                "eth_estimateGas").getAmountUsed();
        RawTransaction raw = RawTransaction.createTransaction(nonce, gasPrice, gas.add(gas.divide(BigInteger.TEN)),
                address, BigInteger.ZERO, hexData);
        byte[] signed = TransactionEncoder.signMessage(raw, chainId(), from.credentials());
        EthSendTransaction sent = call(web3.ethSendRawTransaction(Numeric.toHexString(signed)), "eth_sendRawTransaction");
        return sent.getTransactionHash();
    }

    @Override
    public void close() {
        web3.shutdown();
    }
}
